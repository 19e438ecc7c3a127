import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { loadedModules } from './support/bundle-trace.js';
import { BIN, makeTempDir, ROOT } from './support/paths.js';
import { run, testEnv } from './support/run.js';

const create = (
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
) => run(process.execPath, [BIN.create, ...args], { env: testEnv({ CI: 'true' }), ...options });

/** A PATH holding only node and git (no uv, no npm, no python). */
function barePath(): string {
  const dir = makeTempDir('bin');
  for (const tool of ['git']) {
    const found = (process.env.PATH ?? '')
      .split(delimiter)
      .map((d) => join(d, tool))
      .find(existsSync);
    if (found) writeFileSync(join(dir, tool), `#!/bin/sh\nexec ${found} "$@"\n`, { mode: 0o755 });
  }
  return [
    dir,
    dirname(process.execPath) === '/usr/bin' ? makeTempDir('empty') : dirname(process.execPath),
  ].join(delimiter);
}

describe('create-mcp-server --help and --version', () => {
  it('prints every option and loads neither Ink nor React', async () => {
    const trace = join(makeTempDir('trace'), 'imports.txt');
    const result = await run(
      process.execPath,
      ['--import', join(ROOT, 'test/support/trace-imports.mjs'), BIN.create, '--help'],
      {
        env: testEnv({ MCPKIT_TRACE_IMPORTS: trace }),
      },
    );
    expect(result.code).toBe(0);
    for (const option of [
      '--template',
      '--name',
      '--transport',
      '--pm',
      '--no-install',
      '--no-git',
      '--yes',
      '--force',
      '--version',
    ]) {
      expect(result.stdout).toContain(option);
    }
    const loaded = loadedModules('create', trace);
    // commander parses, picocolors colours; no ink/react/execa, nothing of mcp-config's.
    expect(loaded.packages).toEqual(['commander', 'picocolors']);
    expect(loaded.sources).toContain('packages/create/src/cli.ts');
    // Of shared, only the PATH lookup the entry point wires in (node:fs and node:path alone).
    expect(
      loaded.sources.filter(
        (s) =>
          /\/ui\/|\/commands\/|packages\/(config|shared)\//.test(s) &&
          !/shared\/\w+\/which\./.test(s),
      ),
    ).toEqual([]);
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/create/package.json'), 'utf8')) as {
      version: string;
    };
    const result = await create(['--version'], { cwd: makeTempDir('v') });
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });
});

describe('bad input: one line, a hint, exit 2, nothing written', () => {
  it.each([
    [
      ['-t', 'rust'],
      /Error: Unknown template "rust"\.\nUse one of: python, fastmcp, typescript\.\n/,
    ],
    [['--name', 'My Server'], /Error: Invalid name "My Server": .*\nTry --name my-server\.\n/],
    [
      ['--transport', 'sse'],
      /Error: Unknown transport "sse"\.\nUse --transport stdio or --transport http\.\n/,
    ],
    [
      ['-t', 'typescript', '--pm', 'uv'],
      /cannot be installed with "uv"\.\nUse --pm npm or --pm pnpm, or -t python or -t fastmcp for a Python project\.\n/,
    ],
    [
      ['-t', 'python', '--pm', 'npm'],
      /cannot be installed with "npm"\.\nUse --pm uv or --pm pip, or -t typescript for a Node project\.\n/,
    ],
    [['--bogus'], /error: unknown option '--bogus'/],
  ])('%j', async (args, stderr) => {
    const cwd = makeTempDir('bad');
    const result = await create(['app', '--no-install', ...args], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(stderr);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a non-empty folder without --force and leaves it as it was', async () => {
    const cwd = makeTempDir('nonempty');
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app', 'server.py'), 'mine\n');
    const result = await create(['app', '--no-install', '--no-git'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not empty \(1 entry\)\.\n.*--force/);
    expect(readdirSync(join(cwd, 'app'))).toEqual(['server.py']);
    expect(readFileSync(join(cwd, 'app', 'server.py'), 'utf8')).toBe('mine\n');
  });

  it('with --force writes into the folder and keeps unrelated files', async () => {
    const cwd = makeTempDir('force');
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app', 'NOTES.md'), 'keep\n');
    const result = await create(['app', '--force', '--no-install', '--no-git'], {
      cwd,
      env: testEnv({ CI: 'true', HOME: makeTempDir('force-home') }),
    });
    expect(result.code).toBe(0);
    expect(readFileSync(join(cwd, 'app', 'NOTES.md'), 'utf8')).toBe('keep\n');
    expect(existsSync(join(cwd, 'app', 'src/app/server.py'))).toBe(true);
  });

  it('refuses a folder it cannot write to', async () => {
    const cwd = makeTempDir('locked');
    const locked = join(cwd, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    // Root ignores file modes, so as root the folder is made immutable instead.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) execFileSync('chattr', ['+i', locked]);
    try {
      const result = await create(['locked/app', '--no-install', '--no-git'], { cwd });
      expect(result.stderr).toMatch(
        /Cannot write to .*locked \(permission denied\)\.\nChoose a folder you can write to\./,
      );
      expect(result.code).toBe(2);
      expect(readdirSync(locked)).toEqual([]);
    } finally {
      if (asRoot) execFileSync('chattr', ['-i', locked]);
    }
  });

  it('refuses a file where the template has a folder, before writing anything', async () => {
    const cwd = makeTempDir('torn');
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app', 'tests'), 'a file where the template has a folder\n');
    const result = await create(['app', '--force', '--no-install', '--no-git'], {
      cwd,
      env: testEnv({ CI: 'true', HOME: makeTempDir('torn-home') }),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Error: Cannot write the project into .*app: one path is in the way \(nothing was written\):\n {2}tests: a file, but the template needs a folder there\n/,
    );
    expect(readdirSync(join(cwd, 'app'))).toEqual(['tests']);
  });
});

describe('missing tools', () => {
  it('explains a missing uv and offers pip', async () => {
    const cwd = makeTempDir('nouv');
    const result = await create(['app', '--pm', 'uv'], {
      cwd,
      env: testEnv({ CI: 'true', PATH: barePath() }),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Error: uv is not installed \(not found on PATH\)\.\n.*--pm pip/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('explains a missing npm for TypeScript', async () => {
    const cwd = makeTempDir('nonpm');
    const result = await create(['app', '-t', 'typescript'], {
      cwd,
      env: testEnv({ CI: 'true', PATH: barePath() }),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Error: npm is not installed/);
  });

  it('falls back to pip when uv is missing and says so', async () => {
    const cwd = makeTempDir('pipfallback');
    const result = await create(['app', '--no-install', '--no-git'], {
      cwd,
      env: testEnv({ CI: 'true', PATH: barePath() }),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/uv was not found on PATH, so the project uses pip/);
    expect(result.stdout).toMatch(/python3? -m venv \.venv/);
    const readme = readFileSync(join(cwd, 'app', 'README.md'), 'utf8');
    expect(readme).toContain(`"command": ${JSON.stringify(join(cwd, 'app', '.venv/bin/python'))}`);
    expect(readme).toMatch(/"args": \[\s*"-m",\s*"app"\s*\]/);
  });
});

describe('a failed install', () => {
  it('keeps the project, shows why, and says how to finish', async () => {
    const cwd = makeTempDir('installfail');
    // A package index that refuses connections: the real uv fails the real way.
    const env = testEnv({
      CI: 'true',
      UV_INDEX_URL: 'http://127.0.0.1:9/simple',
      UV_CACHE_DIR: makeTempDir('uvcache'),
      UV_PYTHON_DOWNLOADS: 'never',
    });
    const result = await create(['app', '--pm', 'uv', '--no-git'], {
      cwd,
      env,
      timeoutMs: 120_000,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Error: installing dependencies failed: `uv sync` it exited with code \d+\./,
    );
    expect(result.stderr).toMatch(/The project files are in place/);
    expect(result.stdout).toMatch(/Next steps:\n\s+cd app .*\n\s+uv sync\s+install dependencies/);
    expect(existsSync(join(cwd, 'app', 'src/app/server.py'))).toBe(true);
  });
});

describe('choices', () => {
  it('never prompts without a terminal: missing choices take their defaults', async () => {
    const cwd = makeTempDir('defaults');
    const result = await create(['--no-install', '--no-git'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Creating my-mcp-server in ${join(cwd, 'my-mcp-server')} (python,`,
    );
  });

  it('--pm npm without -t writes a TypeScript project and says so in one line', async () => {
    const cwd = makeTempDir('pm-npm');
    const result = await create(['y', '--pm', 'npm', '--yes', '--no-install', '--no-git'], {
      cwd,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Template typescript (for --pm npm; pass -t to choose another).',
    );
    expect(result.stdout).toContain(`Creating y in ${join(cwd, 'y')} (typescript, npm, stdio).`);
    const pkg = JSON.parse(readFileSync(join(cwd, 'y', 'package.json'), 'utf8')) as {
      name: string;
    };
    expect(pkg.name).toBe('y');
    expect(existsSync(join(cwd, 'y', 'pyproject.toml'))).toBe(false);
  });

  it('--pm pip without -t keeps the Python template', async () => {
    const cwd = makeTempDir('pm-pip');
    const result = await create(['y', '--pm', 'pip', '--yes', '--no-install', '--no-git'], {
      cwd,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Template ');
    expect(existsSync(join(cwd, 'y', 'pyproject.toml'))).toBe(true);
  });

  it('--transport http makes HTTP the default and keeps the client entry on stdio', async () => {
    const cwd = makeTempDir('http');
    const result = await create(
      ['w', '--transport', 'http', '--pm', 'uv', '--no-install', '--no-git'],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(readFileSync(join(cwd, 'w', 'src/w/cli.py'), 'utf8')).toContain(
      'DEFAULT_TRANSPORT = "http"',
    );
    const readme = readFileSync(join(cwd, 'w', 'README.md'), 'utf8');
    expect(readme).toMatch(/"run",\s+"w",\s+"--transport",\s+"stdio"/);
    expect(readme).toContain('claude mcp add --transport http w http://127.0.0.1:8000/mcp');
    expect(result.stdout).toContain('serve over HTTP at http://127.0.0.1:8000/mcp');
  });

  it('--name with a dot gives a valid pyproject', async () => {
    const cwd = makeTempDir('dotted');
    const result = await create(
      ['app', '--name', 'weather.v2', '-t', 'fastmcp', '--no-install', '--no-git'],
      { cwd },
    );
    expect(result.code).toBe(0);
    const pyproject = parseToml(readFileSync(join(cwd, 'app', 'pyproject.toml'), 'utf8')) as {
      project: { name: string; scripts: object };
    };
    expect(pyproject.project).toMatchObject({
      name: 'weather.v2',
      scripts: { 'weather.v2': 'weather_v2.cli:main' },
    });
  });

  it('initialises git with a first commit that leaves ignored files out', async () => {
    const cwd = makeTempDir('git');
    const identity = {
      GIT_AUTHOR_NAME: 'T',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 'T',
      GIT_COMMITTER_EMAIL: 't@example.com',
    };
    const result = await create(['app', '--no-install', '--git'], {
      cwd,
      env: testEnv({ CI: 'true', ...identity }),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Initialised a git repository with a first commit.');
    const files = await run('git', ['ls-files'], { cwd: join(cwd, 'app') });
    expect(files.stdout.split('\n')).toEqual(
      expect.arrayContaining(['.gitignore', '.env.example', 'src/app/server.py', 'README.md']),
    );
    const log = await run('git', ['log', '--format=%s'], { cwd: join(cwd, 'app') });
    expect(log.stdout.trim()).toBe('Initial commit from create-mcp-server');
  });
});

describe('--register', () => {
  it('refuses an unknown client before writing anything (exit 2)', async () => {
    const cwd = makeTempDir('reg-bad');
    const result = await create(['app', '--no-install', '--no-git', '--register', 'emacs'], {
      cwd,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Unknown client "emacs" for --register\.\nUse one of: claude-desktop, claude-code, cursor, vscode, windsurf, gemini-cli\./,
    );
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('adds the project to VS Code in the project folder', async () => {
    const cwd = makeTempDir('reg-vscode');
    const result = await create(
      ['app', '--pm', 'pip', '--no-install', '--no-git', '--register', 'vscode'],
      { cwd },
    );
    expect(result.code, result.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(cwd, 'app', '.vscode', 'mcp.json'), 'utf8')) as {
      servers: Record<string, { type: string; command: string; args: string[] }>;
    };
    expect(config.servers.app).toMatchObject({
      type: 'stdio',
      command: join(cwd, 'app', '.venv', 'bin', 'python'),
      args: ['-m', 'app'],
    });
  });

  it('keeps every other byte of an existing Claude Desktop config (remove gives the original back)', async () => {
    const cwd = makeTempDir('reg-desktop');
    const xdg = makeTempDir('reg-xdg');
    mkdirSync(join(xdg, 'Claude'));
    const file = join(xdg, 'Claude', 'claude_desktop_config.json');
    const original =
      '{\n    "globalShortcut": "Ctrl+Space",\n    "mcpServers": {\n        "météo": {\n            "command": "C:\\\\tools\\\\m.exe"\n        }\n    }\n}\n';
    writeFileSync(file, original);
    // mcp-config keeps a backup of the file it changes under HOME: a temp one.
    const env = testEnv({ CI: 'true', XDG_CONFIG_HOME: xdg, HOME: makeTempDir('reg-home') });
    const result = await create(
      ['app', '--no-install', '--no-git', '--register', 'claude-desktop'],
      { cwd, env },
    );
    expect(result.code, result.stderr).toBe(0);
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('"globalShortcut": "Ctrl+Space"');
    expect(written).toMatch(/\n {8}"app": \{\n {12}"command": /);
    const removed = await run(process.execPath, [BIN.config, 'remove', 'app'], { cwd, env });
    expect(removed.code, removed.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('without --register, prints an mcp-config add line that registers the same entry as the README', async () => {
    const cwd = makeTempDir('reg-line');
    const xdg = makeTempDir('reg-line-xdg');
    const result = await create(['My App', '--pm', 'uv', '--no-install', '--no-git'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    // Pinned to this release, so it works from any folder once published.
    const { version } = JSON.parse(
      readFileSync(join(ROOT, 'packages/create/package.json'), 'utf8'),
    ) as { version: string };
    const line = new RegExp(
      `^ {2}npx mcp-config@${version.replaceAll('.', '\\.')} add (.+)$`,
      'm',
    ).exec(result.stdout)?.[1];
    expect(line, result.stdout).toBeDefined();
    // Run the printed line through a shell, as a person pasting it would.
    const added = await run('sh', ['-c', `${process.execPath} ${BIN.config} add ${line}`], {
      cwd,
      env: testEnv({ XDG_CONFIG_HOME: xdg }),
    });
    expect(added.code, added.stderr).toBe(0);
    const config = JSON.parse(
      readFileSync(join(xdg, 'Claude', 'claude_desktop_config.json'), 'utf8'),
    ) as {
      mcpServers: Record<string, unknown>;
    };
    const readme = readFileSync(join(cwd, 'My App', 'README.md'), 'utf8');
    const desktop = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(readme)![1]!) as {
      mcpServers: Record<string, unknown>;
    };
    expect(config.mcpServers['my-app']).toEqual(desktop.mcpServers['my-app']);
  });
});
