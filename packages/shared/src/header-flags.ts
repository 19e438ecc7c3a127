/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A malformed `--header` flag; `hint` says how to write it. */
export class HeaderFlagError extends Error {
  readonly hint = "Write it as 'Name: value', e.g. --header 'Authorization: Bearer abc'.";
  constructor(flag: string) {
    super(`Bad --header "${flag.length > 40 ? `${flag.slice(0, 40)}…` : flag}".`);
    this.name = 'HeaderFlagError';
  }
}

/** Parse `--header 'Name: value'` flags into a header record; throws {@link HeaderFlagError}. */
export function parseHeaderFlags(flags: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const flag of flags) {
    const colon = flag.indexOf(':');
    const name = colon > 0 ? flag.slice(0, colon).trim() : '';
    if (!HEADER_NAME.test(name)) throw new HeaderFlagError(flag);
    headers[name] = flag.slice(colon + 1).trim();
  }
  return headers;
}
