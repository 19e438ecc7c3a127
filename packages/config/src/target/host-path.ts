/**
 * Turns a path computed for the target platform into one this machine can open, or
 * undefined when it cannot. `--platform win32` on Linux or macOS joins the (POSIX) home
 * and %APPDATA% with backslashes: `\home\me\AppData\...` is such a host path in Windows
 * syntax and maps back; `C:\Users\...` does not exist here and maps to nothing.
 */
export function toHostPath(
  file: string,
  targetPlatform: NodeJS.Platform,
  hostPlatform: NodeJS.Platform,
): string | undefined {
  if (targetPlatform === hostPlatform) return file;
  if (targetPlatform === 'win32' && hostPlatform !== 'win32') {
    if (file.startsWith('/')) return file; // already a host path (--config)
    return /^\\(?!\\)/.test(file) ? file.replace(/\\/g, '/') : undefined;
  }
  // A POSIX-syntax path on Windows (C:\Users\me/.config/...) opens as it is.
  return file;
}
