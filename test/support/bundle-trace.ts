import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT } from './paths.js';

/** What a traced run of a bundled CLI loaded (see trace-imports.mjs). */
export interface LoadedModules {
  /** npm packages imported by name ('@scope/name/sub' counts as '@scope/name'), sorted. */
  packages: string[];
  /**
   * Our own modules inside the dist/ files that loaded, as repository paths
   * ('packages/config/src/cli.ts', 'packages/shared/build/sanitize.js'), from the bundle's
   * metafile (build/bundle-meta.json, written by scripts/bundle.mjs).
   */
  sources: string[];
}

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

/** Read the specifiers `trace-imports.mjs` wrote for one run of `packages/<folder>/dist/bin.js`. */
export function loadedModules(
  folder: 'create' | 'inspect' | 'config',
  trace: string,
): LoadedModules {
  const specifiers = new Set(readFileSync(trace, 'utf8').split('\n').filter(Boolean));
  const meta = JSON.parse(
    readFileSync(join(ROOT, 'packages', folder, 'build/bundle-meta.json'), 'utf8'),
  ) as Metafile;
  const chunks = new Map(
    Object.entries(meta.outputs).map(([file, output]) => [basename(file), output.inputs]),
  );
  const packages = new Set<string>();
  const sources = new Set<string>();
  for (const specifier of specifiers) {
    if (/^(node:|data:)/.test(specifier)) continue;
    if (/^(\.|\/|file:)/.test(specifier)) {
      // Relative specifiers of dependencies (commander's './index.js') match no chunk.
      const inputs = chunks.get(basename(specifier));
      for (const input of Object.keys(inputs ?? {})) sources.add(input);
      continue;
    }
    const parts = specifier.split('/');
    packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
  }
  return { packages: [...packages].sort(), sources: [...sources].sort() };
}
