import { randomBytes } from 'node:crypto';
import { link, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

/** Where and how {@link saveResult} resolves the path it is given. */
export interface SaveResultOptions {
  /** Folder a relative path is taken from. */
  cwd: string;
  /** Home folder, for a path starting with `~/`; without it `~` is an ordinary name. */
  homedir?: string;
}

/** Characters kept of a name in a file name. */
const NAME_CHARS = 60;

/**
 * The file name offered for saving a result: the tool or prompt name (or the resource URI)
 * made safe for any file system, then the local time, e.g.
 * `get_forecast-result-20261207-031500.json`.
 */
export function defaultResultPath(kind: string, name: string, now: Date): string {
  const safe =
    name
      .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._-]+|[._-]+$/g, '')
      .slice(0, NAME_CHARS) || kind;
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-` +
    `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  return `${safe}-result-${stamp}.json`;
}

/**
 * Writes `value` as pretty JSON to `path` and returns its absolute path. Never overwrites:
 * the file is written under a temporary name in the same folder, then hard-linked to its
 * name, which fails if that name exists; so the file appears whole or not at all.
 */
export async function saveResult(
  path: string,
  value: unknown,
  { cwd, homedir }: SaveResultOptions,
): Promise<string> {
  const trimmed = path.trim();
  if (!trimmed) throw new Error('No file name given.');
  const expanded =
    homedir && (trimmed === '~' || trimmed.startsWith('~/'))
      ? join(homedir, trimmed.slice(1))
      : trimmed;
  const target = isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const text = `${JSON.stringify(value, null, 2) ?? 'null'}\n`;
  try {
    await writeFile(temp, text, { flag: 'wx' });
  } catch (error) {
    throw explain(error, target);
  }
  try {
    await link(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Some file systems have no hard links: write the name directly, still never clobbering.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV') {
      try {
        await writeFile(target, text, { flag: 'wx' });
      } catch (fallbackError) {
        throw explain(fallbackError, target);
      }
    } else {
      throw explain(error, target);
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return target;
}

function explain(error: unknown, target: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return new Error(`${target} exists; choose another name.`);
  if (code === 'ENOENT') return new Error(`The folder ${dirname(target)} does not exist.`);
  if (code === 'EACCES' || code === 'EPERM')
    return new Error(`No permission to write in ${dirname(target)}.`);
  if (code === 'EISDIR') return new Error(`${target} is a folder; choose a file name.`);
  return error instanceof Error ? error : new Error(String(error));
}
