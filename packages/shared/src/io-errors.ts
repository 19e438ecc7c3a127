/** I/O errors in words a person can act on. */

/** Words for an I/O error code. */
export function describeIoError(error: unknown): string {
  const code = codeOf(error);
  const words: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a folder',
    ENOTDIR: 'a parent is not a folder',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** The `code` of a Node.js system error. */
export function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
