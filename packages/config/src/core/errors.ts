import { ConfigError } from '@mcpkit/shared/config-text';
import type { ConfigErrorCode, SourceLocation } from '@mcpkit/shared/config-text';

/**
 * Codes of the errors that editing and writing add to shared's {@link ConfigErrorCode}:
 * `exists` (add without force), `read-only` (file or folder cannot be written),
 * `read-only-file` (the file's mode has no write bit; writable on request), `locked`
 * (another writer holds the lock too long), `changed` (another program kept changing the
 * file while it was being written), `write-failed` (any other I/O failure). Reading adds
 * shared's `not-a-file` and `too-large`.
 */
export type EditErrorCode =
  | ConfigErrorCode
  | 'exists'
  | 'read-only'
  | 'read-only-file'
  | 'locked'
  | 'changed'
  | 'write-failed';

/**
 * Creates a {@link ConfigError} whose code may be one of {@link EditErrorCode}. It is a
 * plain `ConfigError` (so `instanceof` and `bin.ts`'s handling work); read the code back
 * with {@link editErrorCode}.
 */
export function editError(
  code: EditErrorCode,
  file: string,
  reason: string,
  location?: SourceLocation,
): ConfigError {
  // Shared's union does not list the edit codes yet; the value is still a ConfigError.
  return new ConfigError(code as ConfigErrorCode, file, reason, location);
}

/** The code of a {@link ConfigError} (edit codes included), or undefined for other values. */
export function editErrorCode(error: unknown): EditErrorCode | undefined {
  return error instanceof ConfigError ? (error.code as EditErrorCode) : undefined;
}
