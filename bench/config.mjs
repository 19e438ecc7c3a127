// Start-up benchmark of mcp-config: `list` of a realistic Claude Desktop config and `add`
// into a fresh copy of it each run, against bare `node -e ''` measured in the same run
// (target: each within 2x). Then traces what `list` and `add` load, and names what they
// load without needing it. HOME (and XDG_CONFIG_HOME, APPDATA) point into a temp folder, so
// the real home is never read or written.
//   node bench/config.mjs [runs] [--warmup N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REALISTIC } from './lib/config-fixtures.mjs';
import { env, measure, options, report, ROOT, target } from './lib/inspect.mjs';

const opts = options({ runs: 30, warmup: 3 });
const PKG = join(ROOT, 'packages/config');
const BIN = join(PKG, 'dist/bin.js');
if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first`);

const work = mkdtempSync(join(tmpdir(), 'bench-config-'));
const home = join(work, 'home');
mkdirSync(home);
// The helpers spawn with this shared env object: keep every run away from the real home.
Object.assign(env, {
  HOME: home,
  USERPROFILE: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  APPDATA: join(home, 'AppData/Roaming'),
  LOCALAPPDATA: join(home, 'AppData/Local'),
});

const listed = join(work, 'list', 'claude_desktop_config.json');
mkdirSync(join(work, 'list'));
writeFileSync(listed, REALISTIC);
const ADD = ['weather', '--', 'uv', '--directory', '/srv/weather', 'run', 'weather'];
let counter = 0;
/** A fresh copy of the realistic file for every `add` (made before the clock starts). */
function freshConfig() {
  const dir = join(work, `add-${counter++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'claude_desktop_config.json'), REALISTIC);
  return join(dir, 'claude_desktop_config.json');
}
const expect = (text) => (stdout) => {
  if (!stdout.includes(text)) throw new Error(`expected "${text}" in:\n${stdout}`);
};

const cases = {
  "node -e ''": () => [process.execPath, ['-e', '']],
  'mcp-config list --config FILE': () => [
    process.execPath,
    [BIN, 'list', '--config', listed],
    expect('météo-français'),
  ],
  'mcp-config add weather --config FILE -- uv …': () => [
    process.execPath,
    [BIN, 'add', '--config', freshConfig(), ...ADD],
    expect('Added "weather"'),
  ],
};

let medians;
try {
  const samples = measure(cases, opts);
  medians = report(
    `mcp-config start-up, median of ${opts.runs} runs (node ${process.version})`,
    samples,
    "node -e ''",
  );
} finally {
  rmSync(join(work, 'list'), { recursive: true, force: true });
}
const base = medians["node -e ''"];
for (const [name, ms] of Object.entries(medians)) {
  if (name === "node -e ''") continue;
  target(ms <= 2 * base, `${name}: ${(ms / base).toFixed(2)}x, within 2x of node -e ''`);
}

// What each command loads. Specifiers come from the tests' own hook
// (test/support/trace-imports.mjs); the resolved URLs, which tell which package a relative
// specifier belongs to, from bench/lib/trace-urls.mjs.
const TRACE_SPECIFIERS = join(ROOT, 'test/support/trace-imports.mjs');
const TRACE_URLS = join(import.meta.dirname, 'lib/trace-urls.mjs');

function trace(args, label) {
  const specFile = join(work, `${label}.specifiers`);
  const urlFile = join(work, `${label}.urls`);
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(TRACE_SPECIFIERS).href,
      '--import',
      pathToFileURL(TRACE_URLS).href,
      ...args,
    ],
    {
      env: { ...env, MCPKIT_TRACE_IMPORTS: specFile, MCPKIT_TRACE_URLS: urlFile },
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  const lines = (file) =>
    existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  return { specifiers: new Set(lines(specFile)), urls: new Set(lines(urlFile)) };
}

/** npm package of a bare specifier ('@scope/name/sub' → '@scope/name'). */
const packageOf = (specifier) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
const isBare = (s) => !s.startsWith('.') && !s.startsWith('/') && !/^[a-z]+:/.test(s);

// The shipped dist/ is a bundle: which source modules each file holds, and what it imports,
// comes from esbuild's metafile (scripts/bundle.mjs writes it to build/bundle-meta.json).
const META = JSON.parse(readFileSync(join(PKG, 'build/bundle-meta.json'), 'utf8'));
const chunkOf = (source) =>
  Object.keys(META.outputs).find(
    (out) => `packages/config/src/${source}` in META.outputs[out].inputs,
  );

/** 'packages/config/src/commands/add.ts', 'packages/shared/build/mask.js' → readable names. */
const moduleName = (input) =>
  input
    .replace(/^packages\/config\/src\//, '')
    .replace(/^packages\/shared\/build\//, '@mcpkit/shared/')
    .replace(/\.[jt]s$/, '.js');

/** The source modules inside the given dist files. */
const sourcesOf = (outputs) =>
  new Set([...outputs].flatMap((out) => Object.keys(META.outputs[out].inputs)).map(moduleName));

/**
 * What a command needs: the static import closure of the dist files that run it — bin.js,
 * the chunk of commands/context.js (runCommand) and the command's own chunk.
 */
function staticClosure(commandModule) {
  const todo = [
    'packages/config/dist/bin.js',
    chunkOf('commands/context.ts'),
    chunkOf(commandModule.replace(/\.js$/, '.ts')),
  ];
  const seen = new Set();
  while (todo.length > 0) {
    const out = todo.pop();
    if (seen.has(out)) continue;
    seen.add(out);
    for (const i of META.outputs[out].imports)
      if (i.kind === 'import-statement' && !i.external) todo.push(i.path);
  }
  return seen;
}

function describe(label, args, commandModule, usedOnlyFor) {
  const loaded = trace([BIN, ...args], label);
  const packages = [...new Set([...loaded.specifiers].filter(isBare).map(packageOf))]
    .filter((p) => !p.startsWith('node:') && !p.startsWith('file:'))
    .sort();
  // node:module is the trace hooks' own import, not the CLI's.
  const builtins = [...loaded.specifiers]
    .filter((s) => s.startsWith('node:') && s !== 'node:module')
    .sort();
  const files = [...loaded.urls]
    .filter((u) => u.startsWith('file:'))
    .map((u) => relative(ROOT, fileURLToPath(u)))
    .filter((path) => path in META.outputs);
  const modules = sourcesOf(files);
  const needed = sourcesOf(staticClosure(commandModule));
  const extra = [...modules].filter((m) => !needed.has(m));
  console.log(`\n${label}: mcp-config ${args.join(' ')}`);
  console.log(`  packages: ${packages.join(', ')}`);
  console.log(`  builtins: ${builtins.join(' ')}`);
  console.log(`  mcpkit: ${files.length} dist files holding ${modules.size} source modules`);
  if (extra.length === 0) console.log('  nothing beyond the static imports of the command itself');
  else
    console.log(
      `  loaded but outside the command's own import closure: ${extra.sort().join(', ')}`,
    );
  for (const [pkg, why] of Object.entries(usedOnlyFor)) {
    if (packages.includes(pkg)) console.log(`  loaded but unused by this run: ${pkg} (${why})`);
  }
  return { packages, extra };
}

const DIFF_NOTE = 'only --dry-run and restore print diffs';
const listTrace = describe('list', ['list', '--config', listed], 'commands/list.js', {
  diff: DIFF_NOTE,
});
const addTrace = describe('add', ['add', '--config', freshConfig(), ...ADD], 'commands/add.js', {
  diff: DIFF_NOTE,
});
target(
  listTrace.extra.length === 0 && !listTrace.packages.includes('diff'),
  'list loads nothing it does not use',
);
target(
  addTrace.extra.length === 0 && !addTrace.packages.includes('diff'),
  'add loads nothing it does not use',
);
rmSync(work, { recursive: true, force: true });
