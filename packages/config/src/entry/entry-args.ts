import { usageError } from '../errors.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

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
  const headers: Record<string, string> = {};
  for (const flag of flags) {
    const colon = flag.indexOf(':');
    const name = colon > 0 ? flag.slice(0, colon).trim() : '';
    if (!HEADER_NAME.test(name)) {
      throw usageError(
        `Bad --header "${flag.length > 40 ? `${flag.slice(0, 40)}…` : flag}".`,
        "Write it as 'Name: value', e.g. --header 'Authorization: Bearer abc'.",
      );
    }
    headers[name] = flag.slice(colon + 1).trim();
  }
  return headers;
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
