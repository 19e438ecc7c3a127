// create-mcp-server's prepack: copies the repository's templates/ into packages/create/templates
// for the tarball (postpack removes it again, so a checkout keeps reading templates/ itself).
// What running, installing or testing a template leaves behind is not copied.
//   node scripts/copy-templates.mjs [--remove]
import { cpSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const target = join(ROOT, 'packages/create/templates');
const LEFTOVERS = new Set([
  'node_modules',
  '.venv',
  '__pycache__',
  '.pytest_cache',
  '.ruff_cache',
  '.mypy_cache',
  'dist',
  'coverage',
  'uv.lock.tmp',
  '.DS_Store',
]);

rmSync(target, { recursive: true, force: true });
if (!process.argv.includes('--remove')) {
  cpSync(join(ROOT, 'templates'), target, {
    recursive: true,
    filter: (path) => !LEFTOVERS.has(basename(path)) && !path.endsWith('.pyc'),
  });
}
