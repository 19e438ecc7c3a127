import { HeaderFlagError, parseHeaderFlags as parseHeaders } from '@mcpkit/shared/header-flags';
import { usageError } from '../errors.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses `--env KEY=VALUE` and `--env KEY` flags; a bare KEY takes its value from
 * `environment` and is a usage error when that variable is not set.
 */
export function parseEnvFlags(
  flags: readonly string[],
  environment: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const key = eq === -1 ? flag : flag.slice(0, eq);
    if (!ENV_NAME.test(key)) {
      throw usageError(
        `Bad --env "${key.length > 40 ? `${key.slice(0, 40)}…` : key}": not a variable name.`,
        'Write it as KEY=value, or KEY alone to take the value from your environment.',
      );
    }
    if (eq !== -1) {
      env[key] = flag.slice(eq + 1);
      continue;
    }
    const value = environment[key];
    if (value === undefined) {
      throw usageError(
        `--env ${key}: ${key} is not set in your environment.`,
        `Export it first (export ${key}=...) or pass --env ${key}=value.`,
      );
    }
    env[key] = value;
  }
  return env;
}

/** Parses `--header 'Name: value'` flags. */
export function parseHeaderFlags(flags: readonly string[]): Record<string, string> {
  try {
    return parseHeaders(flags);
  } catch (error) {
    if (error instanceof HeaderFlagError) throw usageError(error.message, error.hint);
    throw error;
  }
}

/** Checks `--url`: an absolute http(s) URL. */
export function parseUrlFlag(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usageError(`Bad --url "${url}": not a URL.`, 'Example: --url https://example.com/mcp');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw usageError(
      `Bad --url "${url}": only http and https are supported.`,
      'Example: --url https://example.com/mcp',
    );
  }
  return url;
}
