// Install footprint of mcp-inspect (its tarball from `npm pack`, installed
// without dev dependencies) against the official Inspector: MB on disk and package count.
// Our side is re-installed on every run; the Inspector's once (again with --fresh).
//   node bench/inspect-footprint.mjs [--fresh] [--inspector VERSION]
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  INSPECTOR_SPEC,
  ROOT,
  SCRATCH,
  npmInstall,
  options,
  readJson,
  requireBuilt,
} from './lib/inspect.mjs';

const opts = options({ runs: 1 }, { fresh: { type: 'boolean' }, inspector: { type: 'string' } });
requireBuilt();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const WORKSPACES = ['mcp-inspect']; // bundled: @mcpkit/shared is inside its dist/

// Ours: pack the workspace (its dist/ as built now; no build is run), then install it.
const packDir = join(SCRATCH, 'footprint-pack');
rmSync(packDir, { recursive: true, force: true });
mkdirSync(packDir, { recursive: true });
const pack = spawnSync(
  npm,
  [
    'pack',
    '--json',
    '--ignore-scripts',
    '--pack-destination',
    packDir,
    ...WORKSPACES.flatMap((w) => ['--workspace', w]),
  ],
  { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' },
);
if (pack.status !== 0) fail(`npm pack failed:\n${pack.stderr}`);
const packed = JSON.parse(pack.stdout);
for (const p of packed)
  if (!p.files.some((f) => f.path.startsWith('dist/') && f.path.endsWith('.js')))
    fail(`${p.name} packed without dist/*.js — run \`npm run build\` first`);
const ours = join(SCRATCH, 'footprint-ours');
rmSync(ours, { recursive: true, force: true });
npmInstall(
  ours,
  packed.map((p) => join(packDir, p.filename)),
  ['--omit=dev', '--omit=peer'],
);

// The Inspector, as `npx @modelcontextprotocol/inspector` would fetch it.
const spec = opts.inspector ? `@modelcontextprotocol/inspector@${opts.inspector}` : INSPECTOR_SPEC;
const theirs = join(SCRATCH, 'footprint-inspector');
const theirPkg = join(theirs, 'node_modules/@modelcontextprotocol/inspector/package.json');
if (opts.fresh || opts.inspector || !existsSync(theirPkg)) {
  rmSync(theirs, { recursive: true, force: true });
  console.error(`installing ${spec} into ${theirs}…`);
  npmInstall(theirs, [spec]);
}

const rows = [
  {
    name: `mcp-inspect ${readJson(join(ours, 'node_modules/mcp-inspect/package.json')).version}`,
    ...measure(ours),
  },
  { name: `inspector ${readJson(theirPkg).version}`, ...measure(theirs) },
  { name: 'inspector (issue reference)', mb: 110, packages: 120 },
];
const tarballs = packed.map(
  (p) => `${p.filename} ${(p.size / 1024).toFixed(1)} kB (${p.entryCount} files)`,
);
console.log(`install footprint, node_modules after npm install --omit=dev (npm ${npmVersion()})`);
console.log(
  `${'install'.padEnd(30)}${'MB (du)'.padStart(9)}${'files'.padStart(8)}${'packages'.padStart(10)}${'npm ls'.padStart(8)}`,
);
for (const r of rows)
  console.log(
    `${r.name.padEnd(30)}${r.mb.toFixed(1).padStart(9)}${String(r.files ?? '').padStart(8)}${String(r.packages).padStart(10)}${String(r.npmLs ?? '').padStart(8)}`,
  );
const [a, b] = rows;
console.log(
  `inspector / mcp-inspect: ${(b.mb / a.mb).toFixed(1)}x the disk, ${(b.packages / a.packages).toFixed(1)}x the packages`,
);
console.log(`packed: ${tarballs.join(', ')}`);

/** du-style size (allocated blocks, hard links once, in MiB like `du -sh`), files and packages of dir/node_modules. */
function measure(dir) {
  const seen = new Set();
  let bytes = 0;
  let files = 0;
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      const st = lstatSync(full);
      if (!seen.has(`${st.dev}:${st.ino}`)) {
        seen.add(`${st.dev}:${st.ino}`);
        bytes += st.blocks * 512;
      }
      if (entry.isDirectory()) walk(full);
      else files++;
    }
  };
  const modules = join(dir, 'node_modules');
  walk(modules);
  return { mb: bytes / 2 ** 20, files, packages: countPackages(modules), npmLs: npmLs(dir) };
}

/** Installed packages: <node_modules>/<name> or /@scope/<name> with a package.json, nested
 * node_modules included — so fixtures that merely contain a package.json do not count. */
function countPackages(modules) {
  let count = 0;
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const dirs = entry.name.startsWith('@')
      ? readdirSync(join(modules, entry.name)).map((n) => join(modules, entry.name, n))
      : [join(modules, entry.name)];
    for (const pkg of dirs) {
      if (!existsSync(join(pkg, 'package.json'))) continue;
      count++;
      const nested = join(pkg, 'node_modules');
      if (existsSync(nested) && statSync(nested).isDirectory()) count += countPackages(nested);
    }
  }
  return count;
}

/** Cross-check: `npm ls --all --parseable`, minus the root line (deduped entries included). */
function npmLs(dir) {
  const ls = spawnSync(npm, ['ls', '--all', '--parseable', '--prefix', dir], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  return new Set(ls.stdout.split('\n').filter(Boolean)).size - 1;
}

function npmVersion() {
  return spawnSync(npm, ['--version'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  }).stdout.trim();
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
