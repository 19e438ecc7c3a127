// Loaded with `node --import`: like test/support/trace-imports.mjs, but records the URL each
// specifier resolved to (one per line, in the file named by MCPKIT_TRACE_URLS), so that a
// relative specifier such as './errors.js' can be told apart by the package it lives in.
import { register } from 'node:module';

const file = process.env.MCPKIT_TRACE_URLS;
if (file) {
  register(
    'data:text/javascript,' +
      encodeURIComponent(`
        import { appendFileSync } from 'node:fs';
        export async function resolve(specifier, context, next) {
          const result = await next(specifier, context);
          appendFileSync(${JSON.stringify(file)}, result.url + '\\n');
          return result;
        }`),
  );
}
