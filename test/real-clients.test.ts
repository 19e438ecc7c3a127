// Client fidelity: the real Claude Code and Gemini CLI (pinned devDependencies) read what
// mcp-config writes, and mcp-config / mcp-inspect read what they write. Each client runs
// headless and logged out, in a temp home, stdin closed, in a process group of its own that
// is killed once it exits, so no server it started outlives the test.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupAlive, signalGroup } from '@mcpkit/shared/process-group';
import { TEST_SERVER, inspect } from './support/inspect.js';
import { BIN, ROOT, makeTempDir } from './support/paths.js';
import { isRunning, readPids, waitFor } from './support/processes.js';
import { collect, run, testEnv, type RunResult } from './support/run.js';

const CLAUDE = [claudeBinary()];
const GEMINI = [process.execPath, join(ROOT, 'node_modules/@google/gemini-cli/bundle/gemini.js')];
// Lets `claude mcp list` connect to .mcp.json servers without the approval prompt.
const APPROVE_PROJECT = ['--settings', '{"enableAllProjectMcpServers":true}'];

/**
 * Claude Code's native binary from its platform package (npm installs only the one for this
 * OS and CPU); the wrapper package links the same file into its bin/ when install scripts run.
 */
function claudeBinary(): string {
  const exe = process.platform === 'win32' ? 'claude.exe' : 'claude';
  const native = join(
    ROOT,
    'node_modules/@anthropic-ai',
    `claude-code-${process.platform}-${process.arch}`,
    exe,
  );
  return existsSync(native)
    ? native
    : join(ROOT, 'node_modules/@anthropic-ai/claude-code/bin/claude.exe');
}

/** A temp home and a git repository with a nested package folder. */
interface Box {
  root: string;
  home: string;
  repo: string;
  /** A subfolder of the repository: packages/app/src. */
  sub: string;
  env: NodeJS.ProcessEnv;
}

function makeBox(): Box {
  // The real path, as the clients see their folder (/private/var on macOS).
  const root = realpathSync(makeTempDir('clients'));
  const home = join(root, 'home');
  const repo = join(root, 'repo');
  const sub = join(repo, 'packages', 'app', 'src');
  const tmp = join(root, 'tmp');
  mkdirSync(home, { recursive: true });
  mkdirSync(sub, { recursive: true });
  mkdirSync(tmp);
  execFileSync('git', ['init', '-q', repo], { stdio: 'ignore' });
  const env = testEnv({
    HOME: home,
    USERPROFILE: home,
    // Claude Code keeps files in $TMPDIR/claude-<uid>: inside the box, removed with it.
    TMPDIR: tmp,
    XDG_CONFIG_HOME: join(home, '.config'),
    CI: 'true',
    DEBUG: '',
    // No telemetry, update checks or browser: the clients stay offline and headless.
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    BROWSER: 'false',
    NO_BROWSER: 'true',
    GEMINI_CLI_TRUST_WORKSPACE: 'true',
  });
  for (const key of [
    'CLAUDE_CONFIG_DIR',
    'GEMINI_CLI_HOME',
    'ANTHROPIC_API_KEY',
    'ANTHROPIC_AUTH_TOKEN',
    'CLAUDE_CODE_OAUTH_TOKEN',
    'GEMINI_API_KEY',
    'GOOGLE_API_KEY',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'GOOGLE_CLOUD_PROJECT',
  ])
    delete env[key];
  return { root, home, repo, sub, env };
}

/** Runs a real client in its own process group; whatever is left of the group is killed. */
async function client(
  command: readonly string[],
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<RunResult> {
  const [bin, ...pre] = command;
  const child = spawn(bin!, [...pre, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid!;
  const stuck = setTimeout(() => signalGroup(pid, 'SIGKILL'), 180_000);
  try {
    return await collect(child);
  } finally {
    clearTimeout(stuck);
    signalGroup(pid, 'SIGKILL');
    await waitFor(() => !groupAlive(pid), `the process group of ${args.join(' ')} to end`);
  }
}

const claude = (box: Box, args: string[], cwd: string, env = box.env) =>
  client(CLAUDE, args, cwd, env);
const gemini = (box: Box, args: string[], cwd: string, env = box.env) =>
  client(GEMINI, args, cwd, env);

function mcpConfig(box: Box, args: string[], cwd: string, env = box.env): Promise<RunResult> {
  return run(process.execPath, [BIN.config, ...args], { cwd, env, timeoutMs: 60_000 });
}

async function added(box: Box, args: string[], cwd: string, env = box.env): Promise<void> {
  const result = await mcpConfig(box, ['add', ...args], cwd, env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

/** The status `claude mcp list` prints for `name` ("✔ Connected", "✘ Failed…"). */
function claudeStatus(result: RunResult, name: string): string | undefined {
  const line = result.stdout.split('\n').find((l) => l.startsWith(`${name}: `));
  return line?.slice(line.lastIndexOf(' - ') + 3).trim();
}

/** The status `gemini mcp list` prints for `name` ("Connected", "Disconnected"). */
function geminiStatus(result: RunResult, name: string): string | undefined {
  const line = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .find((l) => l.trim().split(' ')[1] === `${name}:`);
  return line?.slice(line.lastIndexOf(' - ') + 3).trim();
}

/** The tool names mcp-inspect lists for a configured server. */
async function toolsOf(
  box: Box,
  name: string,
  client: string,
  cwd: string,
  env = box.env,
): Promise<string[]> {
  const result = await inspect(['tools', '--json', '--server', name, '--client', client], {
    env,
    cwd,
  });
  expect(result.stderr).toBe('');
  const json = JSON.parse(result.stdout) as { tools: { name: string }[] };
  return json.tools.map((t) => t.name);
}

async function listed(box: Box, client: string, cwd: string, env = box.env) {
  const result = await mcpConfig(box, ['list', '--client', client, '--json'], cwd, env);
  expect(result.code).toBe(0);
  const json = JSON.parse(result.stdout) as {
    servers: { name: string; scope: string; file: string; shadowed?: boolean }[];
  };
  return json.servers;
}

describe('what mcp-config add writes, the real client connects to', () => {
  it('claude-code local scope, run from a subfolder of a git repository', async () => {
    const box = makeBox();
    const pids = join(box.root, 'pids');
    await added(
      box,
      ['loc', '--client', 'claude-code', '--', 'node', TEST_SERVER, '--pid-file', pids],
      box.sub,
    );
    const list = await claude(box, ['mcp', 'list'], box.sub);
    expect(claudeStatus(list, 'loc'), list.stdout).toBe('✔ Connected');
    // The section belongs to the repository: the root sees it too.
    expect(claudeStatus(await claude(box, ['mcp', 'list'], box.repo), 'loc')).toBe('✔ Connected');
    // The server Claude Code started for the check is gone.
    const [pid] = await readPids(pids, 1);
    await waitFor(() => !isRunning(pid!), 'the checked server to exit');
  });

  it('claude-code user scope and project scope, in the folder and in a parent folder', async () => {
    const box = makeBox();
    const server = ['--', 'node', TEST_SERVER];
    await added(box, ['usr', '--client', 'claude-code', '--scope', 'user', ...server], box.sub);
    await added(box, ['here', '--client', 'claude-code', '--scope', 'project', ...server], box.sub);
    await added(
      box,
      ['above', '--client', 'claude-code', '--scope', 'project', ...server],
      box.repo,
    );
    expect(existsSync(join(box.sub, '.mcp.json'))).toBe(true);
    expect(existsSync(join(box.repo, '.mcp.json'))).toBe(true);
    const list = await claude(box, [...APPROVE_PROJECT, 'mcp', 'list'], box.sub);
    for (const name of ['usr', 'here', 'above'])
      expect(claudeStatus(list, name), `${name}\n${list.stdout}`).toBe('✔ Connected');
  });

  it('claude-code with CLAUDE_CONFIG_DIR: local and user scope', async () => {
    const box = makeBox();
    const env = { ...box.env, CLAUDE_CONFIG_DIR: join(box.root, 'claude-config') };
    const server = ['--', 'node', TEST_SERVER];
    await added(box, ['cfgloc', '--client', 'claude-code', ...server], box.sub, env);
    await added(
      box,
      ['cfgusr', '--client', 'claude-code', '--scope', 'user', ...server],
      box.sub,
      env,
    );
    expect(existsSync(join(box.root, 'claude-config', '.claude.json'))).toBe(true);
    expect(existsSync(join(box.home, '.claude.json'))).toBe(false);
    const list = await claude(box, ['mcp', 'list'], box.sub, env);
    expect(claudeStatus(list, 'cfgloc'), list.stdout).toBe('✔ Connected');
    expect(claudeStatus(list, 'cfgusr'), list.stdout).toBe('✔ Connected');
  });

  it('gemini-cli project and user scope', async () => {
    const box = makeBox();
    const pids = join(box.root, 'pids');
    await added(
      box,
      ['gproj', '--client', 'gemini-cli', '--', 'node', TEST_SERVER, '--pid-file', pids],
      box.sub,
    );
    await added(
      box,
      ['guser', '--client', 'gemini-cli', '--scope', 'user', '--', 'node', TEST_SERVER],
      box.sub,
    );
    const list = await gemini(box, ['mcp', 'list'], box.sub);
    expect(geminiStatus(list, 'gproj'), list.stdout).toBe('Connected');
    expect(geminiStatus(list, 'guser'), list.stdout).toBe('Connected');
    const [pid] = await readPids(pids, 1);
    await waitFor(() => !isRunning(pid!), 'the checked server to exit');
  });

  it('gemini-cli user scope with GEMINI_CLI_HOME', async () => {
    const box = makeBox();
    const env = { ...box.env, GEMINI_CLI_HOME: join(box.root, 'gemini-home') };
    await added(
      box,
      ['ghome', '--client', 'gemini-cli', '--scope', 'user', '--', 'node', TEST_SERVER],
      box.sub,
      env,
    );
    expect(existsSync(join(box.root, 'gemini-home', '.gemini', 'settings.json'))).toBe(true);
    const list = await gemini(box, ['mcp', 'list'], box.sub, env);
    expect(geminiStatus(list, 'ghome'), list.stdout).toBe('Connected');
  });
});

describe('what the real client adds, mcp-config and mcp-inspect read', () => {
  it('claude mcp add: local (from a subfolder), user, and project in a parent folder', async () => {
    const box = makeBox();
    const server = ['--', 'node', TEST_SERVER];
    for (const [scope, name, cwd] of [
      ['local', 'cl', box.sub],
      ['user', 'cu', box.sub],
      ['project', 'cp', box.repo],
    ] as const) {
      const result = await claude(box, ['mcp', 'add', '--scope', scope, name, ...server], cwd);
      expect(result.code, result.stderr).toBe(0);
    }
    const servers = await listed(box, 'claude-code', box.sub);
    expect(servers.map((s) => [s.name, s.scope])).toEqual([
      ['cl', 'local'],
      ['cp', 'project'],
      ['cu', 'user'],
    ]);
    const get = await mcpConfig(box, ['get', 'cp', '--client', 'claude-code', '--json'], box.sub);
    expect(JSON.parse(get.stdout)).toMatchObject({
      scope: 'project',
      file: join(box.repo, '.mcp.json'),
    });
    for (const name of ['cl', 'cu', 'cp'])
      expect(await toolsOf(box, name, 'claude-code', box.sub)).toContain('echo');
    const path = await mcpConfig(box, ['path', '--client', 'claude-code', '--json'], box.sub);
    const shown = JSON.parse(path.stdout) as {
      serversPath: string[];
      candidates: { file: string; scope: string; read: boolean }[];
    };
    expect(shown.serversPath).toEqual(['projects', box.repo, 'mcpServers']);
    expect(shown.candidates.map((c) => [c.scope, c.file, c.read])).toEqual([
      ['local', join(box.home, '.claude.json'), true],
      ['project', join(box.sub, '.mcp.json'), true],
      ['project', join(box.repo, '.mcp.json'), true],
      ['user', join(box.home, '.claude.json'), true],
    ]);
  });

  it('claude mcp add with CLAUDE_CONFIG_DIR', async () => {
    const box = makeBox();
    const env = { ...box.env, CLAUDE_CONFIG_DIR: join(box.root, 'claude-config') };
    const result = await claude(box, ['mcp', 'add', 'cd', '--', 'node', TEST_SERVER], box.sub, env);
    expect(result.code, result.stderr).toBe(0);
    const get = await mcpConfig(
      box,
      ['get', 'cd', '--client', 'claude-code', '--json'],
      box.sub,
      env,
    );
    expect(JSON.parse(get.stdout)).toMatchObject({
      scope: 'local',
      file: join(box.root, 'claude-config', '.claude.json'),
    });
    expect(await toolsOf(box, 'cd', 'claude-code', box.sub, env)).toContain('echo');
  });

  it('gemini mcp add: project and user scope, and user scope with GEMINI_CLI_HOME', async () => {
    const box = makeBox();
    const ghome = { ...box.env, GEMINI_CLI_HOME: join(box.root, 'gemini-home') };
    const server = ['node', TEST_SERVER];
    for (const [args, env] of [
      [['gp', ...server], box.env],
      [['--scope', 'user', 'gu', ...server], box.env],
      [['--scope', 'user', 'gh', ...server], ghome],
    ] as const) {
      const result = await gemini(box, ['mcp', 'add', ...args], box.sub, env);
      expect(result.code, result.stderr).toBe(0);
    }
    expect((await listed(box, 'gemini-cli', box.sub)).map((s) => [s.name, s.scope])).toEqual([
      ['gp', 'project'],
      ['gu', 'user'],
    ]);
    expect((await listed(box, 'gemini-cli', box.sub, ghome)).map((s) => [s.name, s.scope])).toEqual(
      [
        ['gp', 'project'],
        ['gh', 'user'],
      ],
    );
    expect(await toolsOf(box, 'gp', 'gemini-cli', box.sub)).toContain('echo');
    expect(await toolsOf(box, 'gu', 'gemini-cli', box.sub)).toContain('echo');
    expect(await toolsOf(box, 'gh', 'gemini-cli', box.sub, ghome)).toContain('echo');
  });
});

describe("mcp-config remove in the real client's file", () => {
  it('leaves ~/.claude.json byte-identical to before the add', async () => {
    const box = makeBox();
    const added0 = await claude(box, ['mcp', 'add', 'theirs', '--', 'node', TEST_SERVER], box.sub);
    expect(added0.code, added0.stderr).toBe(0);
    const file = join(box.home, '.claude.json');
    const before = readFileSync(file);
    await added(box, ['ours', '--client', 'claude-code', '--', 'node', TEST_SERVER], box.sub);
    expect(readFileSync(file).equals(before)).toBe(false);
    const removed = await mcpConfig(box, ['remove', 'ours', '--client', 'claude-code'], box.sub);
    expect(removed.code, removed.stderr).toBe(0);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
