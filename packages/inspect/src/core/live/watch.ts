import { watch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';

/** Folders whose changes never restart a server: tools' caches and dependencies. */
const IGNORED =
  /(^|[\\/])(\.git|node_modules|__pycache__|\.venv|venv|\.mypy_cache|\.pytest_cache|\.ruff_cache|dist|build)([\\/]|$)/;

/**
 * Calls `onChange` with the changed file (relative to `root`) when files under `root`
 * change, once per burst of changes (an editor's save writes several times). Returns the
 * function that stops watching.
 */
export function watchFiles(
  root: string,
  onChange: (file: string) => void,
  options: { debounceMs?: number } = {},
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(root, { recursive: true }, (_event, name) => {
      const file = name ? String(name) : '';
      if (IGNORED.test(file) || /(~|\.swp|\.tmp)$/.test(file)) return;
      last = file || basename(root);
      clearTimeout(timer);
      timer = setTimeout(() => onChange(last), options.debounceMs ?? 250);
    });
    watcher.on('error', () => undefined);
  } catch {
    // A path that cannot be watched (gone, not permitted): nothing restarts.
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
