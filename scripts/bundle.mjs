// Bundles each CLI into its shipped dist/: one ESM entry (dist/bin.js) plus flat chunks.
// Runs after `tsc -b`, which type-checks and writes declarations to build/ (never shipped).
// - @mcpkit/shared (private) is inlined, and so is mcp-config/register in create-mcp-server:
//   a tarball needs nothing that is not on the registry.
// - Every registry dependency stays external: the package's own `dependencies` (and their
//   subpaths). What a package does not list is inlined: mcp-inspect inlines the MCP SDK, which
//   loads about 130 ms faster from one bundle than from its many modules in node_modules, and
//   Ink with React (production build) for its TUI, which load about 300 ms faster so (Ink's
//   dependencies are hundreds of small modules). Inlined CommonJS gets a `require` of its own.
// - splitting keeps each lazy import() lazy: ink/react only for the wizard, command modules
//   only when their command runs, so `--help` stays fast.
// - Chunks stay flat in dist/: modules find ../package.json (and create ../templates) from
//   import.meta.url, which must mean <package>/dist/.
// The metafile goes to build/bundle-meta.json (which source modules each chunk holds), read
// by bench/config.mjs to tell what a run loaded.
//   node scripts/bundle.mjs [package folder name...]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { EXTRA } from './bundle-options.mjs';

const ROOT = join(import.meta.dirname, '..');
const CLIS = ['create', 'inspect', 'config'];

/** Bundle one CLI package; throws when an import is neither bundled nor a dependency. */
async function bundle(folder) {
  const dir = join(ROOT, 'packages', folder);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const dependencies = Object.keys(manifest.dependencies ?? {});
  const outdir = join(dir, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { bin: join(dir, 'src/bin.ts') },
    outdir,
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    splitting: true,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    // jsonc-parser's `main` is a UMD build that does not bundle; its `module` is ESM.
    mainFields: ['module', 'main'],
    external: dependencies.flatMap((name) => [name, `${name}/*`]),
    // The tsconfig `paths` entry maps mcp-config/register to its source (see tsconfig.base.json).
    tsconfig: join(dir, 'tsconfig.json'),
    metafile: true,
    logLevel: 'warning',
    ...EXTRA[folder],
  });
  const missing = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const { path, external } of output.imports) {
      // Inlined CommonJS asks for built-in modules without the node: prefix.
      if (!external || path.startsWith('node:') || builtinModules.includes(path)) continue;
      const name = path.startsWith('@')
        ? path.split('/').slice(0, 2).join('/')
        : path.split('/')[0];
      if (!dependencies.includes(name)) missing.add(name);
    }
  }
  if (missing.size > 0)
    throw new Error(
      `${manifest.name}: the bundle imports ${[...missing].join(', ')}, not in its dependencies`,
    );
  mkdirSync(join(dir, 'build'), { recursive: true });
  writeFileSync(join(dir, 'build/bundle-meta.json'), JSON.stringify(result.metafile, null, 1));
  const files = Object.keys(result.metafile.outputs).length;
  console.log(`${manifest.name}: dist/bin.js and ${files - 1} chunks`);
}

const chosen = process.argv.slice(2);
for (const folder of chosen.length > 0 ? chosen : CLIS) await bundle(folder);
