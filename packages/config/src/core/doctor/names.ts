// Names shared by the checks: the clients' display names and a command's bare name.
import path from 'node:path';

export { CLIENT_NAMES } from '../../target/targets.js';

/** The command's name without folder or Windows extension: `npx` for `C:\…\npx.cmd`. */
export function commandBase(command: string): string {
  return path.win32
    .basename(command)
    .toLowerCase()
    .replace(/\.(exe|cmd|bat|com)$/, '');
}
