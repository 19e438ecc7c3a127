// The published tarballs on their own: each CLI is packed as `npm publish` would pack it,
// installed alone into an empty project (its registry dependencies from the registry), and
// run from node_modules/.bin. Packing happens in a staged copy of the repository, so the
// checkout is never changed while other tests run create-mcp-server from it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVERYTHING } from './support/inspect.js';
import { makeTempDir, ROOT } from './support/paths.js';
import { run, testEnv } from './support/run.js';

const PACKAGES = { create: 'create-mcp-server', inspect: 'mcp-inspect', config: 'mcp-config' };
type Folder = keyof typeof PACKAGES;

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  engines?: Record<string, string>;
  repository?: { type: string; url: string; directory: string };
  keywords?: string[];
  homepage?: string;
  bugs?: { url: string };
  license?: string;
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;
const workspaceNames = readdirSync(join(ROOT, 'packages')).map(
  (dir) => readJson<Manifest>(join(ROOT, 'packages', dir, 'package.json')).name,
);
const VERSION = readJson<Manifest>(join(ROOT, 'packages/create/package.json')).version;

// One npm cache and HOME for every pack and install: nothing touches the real home, and
// the second install of a dependency comes from the cache.
const npmHome = makeTempDir('npm-home');
const npmEnv = testEnv({
  HOME: npmHome,
  USERPROFILE: npmHome,
  XDG_CONFIG_HOME: join(npmHome, '.config'),
  npm_config_cache: join(npmHome, 'npm-cache'),
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  npm_config_prefer_offline: 'true',
});
for (const key of Object.keys(npmEnv)) {
  // The outer npm run's settings (prefix, workspace, lifecycle) must not leak into these.
  if (/^npm_(config_(prefix|workspaces?|global|userconfig)|lifecycle_|package_)/i.test(key))
    delete npmEnv[key];
}

const tarballs = {} as Record<Folder, { file: string; files: string[]; manifest: Manifest }>;

/** What running, installing or testing a template leaves in templates/. */
const LEFTOVERS = [
  'typescript/node_modules/left/index.js',
  'typescript/dist/index.js',
  'python/.venv/pyvenv.cfg',
  'python/__pycache__/server.cpython-312.pyc',
  'python/uv.lock.tmp',
  'fastmcp/.pytest_cache/README.md',
];

beforeAll(async () => {
  // A copy of what `npm pack` reads: the root manifest, the packages (without node_modules),
  // create's prepack script and templates/, with a template's leftovers planted in it.
  const stage = makeTempDir('pack-stage');
  const skip = (path: string) => !/[/\\](node_modules|\.venv)$/.test(path);
  cpSync(join(ROOT, 'package.json'), join(stage, 'package.json'));
  cpSync(join(ROOT, 'scripts'), join(stage, 'scripts'), { recursive: true });
  cpSync(join(ROOT, 'templates'), join(stage, 'templates'), { recursive: true, filter: skip });
  for (const folder of Object.keys(PACKAGES))
    cpSync(join(ROOT, 'packages', folder), join(stage, 'packages', folder), {
      recursive: true,
      filter: skip,
    });
  for (const leftover of LEFTOVERS) {
    const file = join(stage, 'templates', leftover);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, 'left behind\n');
  }

  const out = makeTempDir('tarballs');
  const packed = await run(
    'npm',
    [
      'pack',
      ...Object.keys(PACKAGES).flatMap((folder) => ['--workspace', `packages/${folder}`]),
      '--pack-destination',
      out,
      '--json',
    ],
    { cwd: stage, env: npmEnv },
  );
  expect(packed.code, packed.stderr).toBe(0);
  const reports = JSON.parse(packed.stdout) as { name: string; filename: string }[];
  for (const [folder, name] of Object.entries(PACKAGES) as [Folder, string][]) {
    const report = reports.find((r) => r.name === name);
    expect(report, `${name} was not packed`).toBeDefined();
    const file = join(out, report!.filename);
    const files = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^package\//, ''));
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' }),
    ) as Manifest;
    tarballs[folder] = { file, files, manifest };
  }
});

describe.each(Object.entries(PACKAGES) as [Folder, string][])('the %s tarball', (folder, name) => {
  it(`${name}: README, LICENSE, bin and dist; nothing of the build, sources or tests`, () => {
    const { files, manifest } = tarballs[folder];
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
    expect(files).toContain('dist/bin.js');
    for (const bin of Object.values(manifest.bin ?? {})) expect(files).toContain(bin);
    expect(Object.keys(manifest.bin ?? {})).toContain(name);
    expect(files.filter((f) => /^(build|src|test|node_modules)\//.test(f))).toEqual([]);
    // (create's templates/ holds each generated project's own tests and tsconfig.)
    const shipped = files.filter((f) => !f.startsWith('templates/'));
    expect(shipped.filter((f) => /\.(tsbuildinfo|map)$|\.d\.ts$|\.test\./.test(f))).toEqual([]);
    const license = execFileSync('tar', ['-xzOf', tarballs[folder].file, 'package/LICENSE'], {
      encoding: 'utf8',
    });
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 mcpkit contributors\n/);
  });

  it(`${name}: its manifest depends on the registry only and says where it comes from`, () => {
    const { manifest } = tarballs[folder];
    expect(manifest.version).toBe(VERSION);
    expect(manifest.private).toBeUndefined();
    const dependencies = Object.entries(manifest.dependencies ?? {});
    expect(dependencies.length).toBeGreaterThan(0);
    for (const [dependency, range] of dependencies) {
      expect(workspaceNames, `${dependency} is a workspace package`).not.toContain(dependency);
      expect(range).not.toMatch(/^(file|link|workspace|git\+?|https?):/);
    }
    expect(manifest.engines?.node).toMatch(/^>=\s*20/);
    expect(manifest.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/mcpkit/mcpkit.git',
      directory: `packages/${folder}`,
    });
    expect(manifest.keywords).toEqual(expect.arrayContaining(['mcp']));
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs?.url).toMatch(/^https:\/\//);
    expect(manifest.license).toBe('MIT');
  });
});

describe('create-mcp-server tarball: templates', () => {
  it('ships every template, without what running one leaves behind', () => {
    const { files } = tarballs.create;
    for (const template of ['python', 'fastmcp', 'typescript'])
      expect(files).toContain(`templates/${template}/README.md`);
    for (const leftover of LEFTOVERS) expect(files).not.toContain(`templates/${leftover}`);
    expect(files.filter((f) => /node_modules|\.venv|__pycache__|\.pyc$|lock\.tmp/.test(f))).toEqual(
      [],
    );
  });
});

/** Install one tarball alone into a fresh empty project; returns that project's folder. */
async function installAlone(folder: Folder): Promise<string> {
  const project = makeTempDir(`install-${folder}`);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: `try-${folder}`, private: true }),
  );
  const installed = await run(
    'npm',
    ['install', '--no-audit', '--no-fund', tarballs[folder].file],
    {
      cwd: project,
      env: npmEnv,
    },
  );
  expect(installed.code, installed.stderr).toBe(0);
  // Nothing of this repository came along: only the CLI and registry packages.
  const modules = readdirSync(join(project, 'node_modules'));
  expect(modules).not.toContain('@mcpkit');
  for (const other of Object.values(PACKAGES).filter((n) => n !== PACKAGES[folder]))
    expect(modules).not.toContain(other);
  return project;
}

const binOf = (project: string, name: string) => join(project, 'node_modules/.bin', name);

describe('each tarball installed alone into an empty project', () => {
  it('create-mcp-server scaffolds a project and prints next steps pinned to its version', async () => {
    const project = await installAlone('create');
    const cwd = makeTempDir('create-from-tarball');
    const result = await run(
      binOf(project, 'create-mcp-server'),
      ['weather', '-t', 'typescript', '--pm', 'npm', '--no-install', '--no-git', '--yes'],
      { cwd, env: testEnv({ HOME: npmHome }) },
    );
    expect(result.code, result.stderr).toBe(0);
    for (const file of ['package.json', 'src/index.ts', 'README.md', 'tsconfig.json', '.gitignore'])
      expect(readdirSync(join(cwd, 'weather', file, '..'))).toContain(basename(file));
    expect(readJson<{ name: string }>(join(cwd, 'weather/package.json')).name).toBe('weather');
    expect(result.stdout).toContain(`npx mcp-inspect@${VERSION} tools -- node dist/index.js`);
    expect(result.stdout).toMatch(
      new RegExp(`^ {2}npx mcp-config@${VERSION.replaceAll('.', '\\.')} add weather -- `, 'm'),
    );
  });

  it('npm exec --package <tarball> create-mcp-server (what npm create runs) scaffolds Python', async () => {
    const cwd = makeTempDir('npm-create');
    const result = await run(
      'npm',
      [
        'exec',
        '--yes',
        '--package',
        tarballs.create.file,
        '--',
        'create-mcp-server',
        'forecast',
        '-t',
        'python',
        '--pm',
        'pip',
        '--no-install',
        '--no-git',
        '--yes',
      ],
      { cwd, env: npmEnv },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(cwd, 'forecast'))).toEqual(
      expect.arrayContaining(['src', 'pyproject.toml', 'README.md', 'tests']),
    );
    expect(readdirSync(join(cwd, 'forecast', 'src', 'forecast'))).toContain('server.py');
    expect(result.stdout).toContain(`npx mcp-inspect@${VERSION} tools -- `);
  });

  it('mcp-inspect lists the tools of a real server', async () => {
    const project = await installAlone('inspect');
    const result = await run(
      binOf(project, 'mcp-inspect'),
      ['tools', '--json', '--', process.execPath, EVERYTHING],
      { cwd: project, env: testEnv({ HOME: npmHome }) },
    );
    expect(result.code, result.stderr).toBe(0);
    const { tools } = JSON.parse(result.stdout) as { tools: { name: string }[] };
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['echo', 'get-sum']));
  });

  it('mcp-config adds an entry to a config file', async () => {
    const project = await installAlone('config');
    const work = makeTempDir('config-from-tarball');
    const file = join(work, 'claude_desktop_config.json');
    writeFileSync(file, '{\n  "globalShortcut": "Ctrl+Space"\n}\n');
    writeFileSync(join(work, 'srv.js'), '');
    const result = await run(
      binOf(project, 'mcp-config'),
      ['add', 'x', '--config', file, '--', 'node', 'srv.js'],
      { cwd: work, env: testEnv({ HOME: npmHome }) },
    );
    expect(result.code, result.stderr).toBe(0);
    const config = readJson<{
      globalShortcut: string;
      mcpServers: Record<string, { command: string; args: string[] }>;
    }>(file);
    expect(config.globalShortcut).toBe('Ctrl+Space');
    expect(isAbsolute(config.mcpServers.x!.command)).toBe(true);
    expect(basename(config.mcpServers.x!.command)).toMatch(/^node/);
    expect(config.mcpServers.x!.args).toEqual([join(work, 'srv.js')]);
  });
});
