/** What a command needs: `npm test` or `npm run demo`. */
export type Purpose = 'test' | 'demo';
/** The repository root. */
export const ROOT: string;
/** Where tools installed without root live (gitignored). */
export const TOOLS_DIR: string;
/** The absolute path of `command` on `path`, or undefined. */
export function which(command: string, path?: string): string | undefined;
/** One line naming what only an administrator can install and how; undefined when nothing is missing. */
export function missingSystemTools(purpose: Purpose): string | undefined;
/** Installs missing tools into .tools/; returns the .tools/ bin folders to put first on PATH. */
export function ensureTools(purpose: Purpose, log?: (line: string) => void): string[];
/** `path` (default: this process's PATH) with the tool folders `purpose` needs in front. */
export function pathWithTools(purpose: Purpose, path?: string): string;
