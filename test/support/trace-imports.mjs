// Loaded with `node --import`: records every module specifier a process resolves, one
// per line, in the file named by MCPKIT_TRACE_IMPORTS, so tests can see what start-up loads
// (bundle-trace.ts maps the bundle's own files back to source modules).
import { register } from 'node:module';

const file = process.env.MCPKIT_TRACE_IMPORTS;
if (file) {
  register(
    'data:text/javascript,' +
      encodeURIComponent(`
        import { appendFileSync } from 'node:fs';
        export async function resolve(specifier, context, next) {
          appendFileSync(${JSON.stringify(file)}, specifier + '\\n');
          return next(specifier, context);
        }`),
  );
}
