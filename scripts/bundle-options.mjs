import { readFile } from 'node:fs/promises';
// What the bundles need besides inlining: used by scripts/bundle.mjs, and by the benchmarks that
// measure code bundled exactly as it ships (bench/tui-keys.mjs).

/**
 * Ink connects to React's devtools (with `ws` and `react-devtools-core`) only when DEV=true,
 * a thing for Ink's own developers: an inlined Ink gets an empty module in their place.
 */
export const noInkDevtools = {
  name: 'no-ink-devtools',
  setup(build) {
    build.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) =>
      /[\\/]ink[\\/]build[\\/]/.test(args.importer)
        ? { path: 'ink-devtools', namespace: 'mcpkit-empty' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'mcpkit-empty' }, () => ({ contents: 'export {};' }));
  },
};

/**
 * Ink draws each frame by tokenising every character of it, with caches that it throws away
 * after the frame; from one key to the next most lines are the same, so a bounded cache kept
 * across frames halves a frame of the result view (16 → 9 ms per key with a 5 MB result).
 * The build fails if Ink's code is no longer what this expects.
 */
export const inkFrameCache = {
  name: 'ink-frame-cache',
  setup(build) {
    build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const field = '    caches = new OutputCaches();';
      if (!source.includes(field))
        throw new Error(
          `${args.path}: Ink's Output no longer has "${field.trim()}"; update scripts/bundle-options.mjs`,
        );
      return {
        loader: 'js',
        contents: `${source.replace(field, '    caches = sharedOutputCaches();')}
let sharedCaches;
function sharedOutputCaches() {
  // Started afresh past 20,000 strings: a long session scrolling a big result stays bounded.
  if (sharedCaches === undefined || sharedCaches.styledChars.size + sharedCaches.widths.size + sharedCaches.blockWidths.size > 20000)
    sharedCaches = new OutputCaches();
  return sharedCaches;
}
`,
      };
    });
  },
};

/** Per package: inlined CommonJS needs `require`; React's production build only. */
const CREATE_REQUIRE = {
  js: "import { createRequire as __mcpkitCreateRequire } from 'node:module'; const require = __mcpkitCreateRequire(import.meta.url);",
};

export const EXTRA = {
  // doctor starts servers through cross-spawn (CommonJS), inlined with the MCP client.
  config: { banner: CREATE_REQUIRE },
  inspect: {
    plugins: [noInkDevtools, inkFrameCache],
    // React's production build: its development build checks and times every render.
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: CREATE_REQUIRE,
  },
};
