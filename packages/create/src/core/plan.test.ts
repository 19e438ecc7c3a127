import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../test/support/paths.js';
import { CliError, EXIT } from './errors.js';
import { resolvePlan, type CreateChoices, type CreateEnvironment } from './plan.js';

function environment(
  commands: string[] = ['uv', 'git', 'python3', 'npm'],
  env: NodeJS.ProcessEnv = {},
): CreateEnvironment {
  return {
    cwd: makeTempDir('plan'),
    env,
    platform: 'linux',
    which: (command) => (commands.includes(command) ? `/opt/bin/${command}` : undefined),
    homedir: makeTempDir('plan-home'),
  };
}

function planError(choices: CreateChoices, env = environment()): CliError {
  try {
    resolvePlan(choices, env);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected resolvePlan to fail');
}

describe('resolvePlan', () => {
  it('fills every default', () => {
    const env = environment();
    const plan = resolvePlan({}, env);
    expect(plan).toMatchObject({
      targetDir: join(env.cwd, 'my-mcp-server'),
      name: 'my-mcp-server',
      transport: 'stdio',
      packageManager: 'uv',
      install: true,
      git: true,
      uvPath: '/opt/bin/uv',
    });
    expect(plan.template.name).toBe('python');
  });

  it('derives the name from the folder and says so', () => {
    const plan = resolvePlan({ directory: 'My Weather' }, environment());
    expect(plan.name).toBe('my-weather');
    expect(plan.derivedNameFrom).toBe('My Weather');
  });

  it('uses --name as the folder when no folder is given', () => {
    const env = environment();
    expect(resolvePlan({ name: 'weather' }, env).targetDir).toBe(join(env.cwd, 'weather'));
  });

  it('falls back to pip with a note when uv is missing', () => {
    const plan = resolvePlan({}, environment(['python3']));
    expect(plan.packageManager).toBe('pip');
    expect(plan.packageManagerNote).toMatch(/uv was not found/);
    expect(plan.git).toBe(false);
  });

  it('picks pnpm for TypeScript when run through pnpm', () => {
    const env = environment(['pnpm', 'npm'], {
      npm_config_user_agent: 'pnpm/10.20.0 npm/? node/v20.20.2 linux x64',
    });
    expect(resolvePlan({ template: 'typescript' }, env).packageManager).toBe('pnpm');
    expect(resolvePlan({ template: 'typescript' }, environment()).packageManager).toBe('npm');
  });

  it.each([
    ['npm', 'typescript'],
    ['pnpm', 'typescript'],
  ])('picks the Node template for --pm %s without -t, and says why', (pm, template) => {
    const plan = resolvePlan({ pm }, environment(['npm', 'pnpm']));
    expect(plan.template.name).toBe(template);
    expect(plan.packageManager).toBe(pm);
    expect(plan.templateFromPm).toBe(pm);
  });

  it.each(['uv', 'pip'])('keeps the Python default for --pm %s without -t', (pm) => {
    const plan = resolvePlan({ pm }, environment());
    expect(plan.template.name).toBe('python');
    expect(plan.packageManager).toBe(pm);
    expect(plan.templateFromPm).toBeUndefined();
  });

  it.each<[CreateChoices, RegExp, RegExp]>([
    [
      { template: 'python', pm: 'npm' },
      /python template cannot be installed with "npm"/,
      /--pm uv or --pm pip, or -t typescript for a Node project/,
    ],
    [
      { template: 'typescript', pm: 'uv' },
      /typescript template cannot be installed with "uv"/,
      /-t python or -t fastmcp for a Python project/,
    ],
    [{ template: 'rust' }, /Unknown template "rust"/, /python, fastmcp, typescript/],
    [{ transport: 'sse' }, /Unknown transport "sse"/, /--transport stdio/],
    [
      { template: 'typescript', pm: 'uv' },
      /typescript template cannot be installed with "uv"/,
      /--pm npm or --pm pnpm/,
    ],
    [{ name: 'My Server' }, /Invalid name "My Server"/, /--name my-server/],
    [{ name: 'mcp' }, /same name/, /another --name/],
  ])('refuses %j', (choices, message, hint) => {
    const error = planError(choices);
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
  });

  it('refuses a non-empty folder unless forced', () => {
    const env = environment();
    mkdirSync(join(env.cwd, 'taken'));
    writeFileSync(join(env.cwd, 'taken', 'notes.txt'), 'keep me');
    expect(planError({ directory: 'taken' }, env).message).toMatch(/is not empty \(1 entry\)/);
    expect(resolvePlan({ directory: 'taken', force: true }, env).force).toBe(true);
  });

  it('accepts an empty folder and a folder holding only .git', () => {
    const env = environment();
    mkdirSync(join(env.cwd, 'repo', '.git'), { recursive: true });
    expect(resolvePlan({ directory: 'repo' }, env).name).toBe('repo');
  });

  it('refuses a folder under a file', () => {
    const env = environment();
    writeFileSync(join(env.cwd, 'file'), '');
    expect(planError({ directory: 'file/sub' }, env).message).toMatch(/is a file/);
    expect(planError({ directory: 'file' }, env).message).toMatch(/exists and is not a folder/);
  });

  it('refuses a folder it cannot write to', () => {
    const env = environment();
    const locked = join(env.cwd, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    // Root ignores file modes, so as root the folder is made immutable instead.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) execFileSync('chattr', ['+i', locked]);
    try {
      expect(planError({ directory: 'locked/app' }, env).message).toMatch(/permission denied/);
    } finally {
      if (asRoot) execFileSync('chattr', ['-i', locked]);
    }
  });

  it.each<[string[], CreateChoices, RegExp, RegExp]>([
    [['python3'], { pm: 'uv' }, /uv is not installed/, /--pm pip.*--no-install/],
    [[], { pm: 'pip' }, /Python 3 was not found/, /--no-install/],
    [['npm'], { template: 'typescript', pm: 'pnpm' }, /pnpm is not installed/, /--pm npm/],
    [[], { template: 'typescript' }, /npm is not installed/, /--no-install/],
  ])('with %j on PATH refuses %j before writing anything', (commands, choices, message, hint) => {
    const env = environment(commands);
    const error = planError(choices, env);
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
    expect(resolvePlan({ ...choices, install: false }, env).install).toBe(false);
  });
});
