/** One masking of secrets for both CLIs: config entries, URLs and free text. */
/** Objects whose every value is a secret: environment variables and HTTP headers. */
export const SECRET_MAPS = new Set(['env', 'headers']);
// Arguments whose next value (or `=value`) is a secret, e.g. `--api-key sk-…`.
const SECRET_FLAG = /^--?[\w-]*(?:token|key|secret|password|passwd|auth)$/i;
// URL query (and fragment) parameters that usually carry credentials.
const SECRET_PARAM = /token|key|secret|password|passwd|auth|sig|credential|session|jwt|^code$/i;
const MASK = '••••';
// Keys holding a server URL: `url`, Windsurf's `serverUrl`, Gemini CLI's `httpUrl`.
export const URL_KEY = /url$/i;

/**
 * Masks one secret: `"••••(12 chars)"`. Empty values and pure variable references such as
 * `${API_KEY}`, `${env:API_KEY}` or `${input:token}` are no secret and are kept.
 */
export function maskValue(value: string): string {
  if (value === '' || /^\$\{[^}]+\}$/.test(value)) return value;
  return `••••(${[...value].length} chars)`;
}

/**
 * Returns a deep copy of a server entry (or of any config value) with its secrets masked:
 * every value of `env` and `headers`, the value part of `--header 'K: V'` arguments (the
 * `mcp-remote` bridge), values of `--api-key`/`--token`-like arguments and credential-like
 * URL query parameters. The input is not changed.
 */
export function maskSecrets<T>(value: T): T {
  return maskAny(value, undefined) as T;
}

function maskAny(value: unknown, key: string | undefined): unknown {
  if (Array.isArray(value)) {
    if (key === 'args') return maskArgs(value);
    return value.map((v) => maskAny(v, undefined));
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_MAPS.has(k) && typeof v === 'object' && v !== null && !Array.isArray(v)) {
        out[k] = Object.fromEntries(
          Object.entries(v).map(([name, s]) => [name, typeof s === 'string' ? maskValue(s) : s]),
        );
      } else {
        out[k] = maskAny(v, k);
      }
    }
    return out;
  }
  if (typeof value === 'string' && key !== undefined && URL_KEY.test(key)) return maskUrl(value);
  return value;
}

function maskArgs(args: readonly unknown[]): unknown[] {
  return args.map((arg, i) => {
    if (typeof arg !== 'string') return maskAny(arg, undefined);
    const previous = args[i - 1];
    return maskArg(arg, typeof previous === 'string' ? previous : undefined);
  });
}

/** Masks one argument, given the one before it (`--token X`, `--header 'K: V'`, a URL). */
export function maskArg(arg: string, previous: string | undefined): string {
  if (previous === '--header' || previous === '-H') return maskHeader(arg);
  if (previous !== undefined && SECRET_FLAG.test(previous)) return maskValue(arg);
  const eq = arg.indexOf('=');
  if (arg.startsWith('-') && eq > 0) {
    const flag = arg.slice(0, eq);
    if (flag === '--header') return `${flag}=${maskHeader(arg.slice(eq + 1))}`;
    if (SECRET_FLAG.test(flag)) return `${flag}=${maskValue(arg.slice(eq + 1))}`;
  }
  if (/^https?:\/\//i.test(arg)) return maskUrl(arg);
  return arg;
}

/** `Authorization: Bearer x` → `Authorization: ••••(8 chars)`. */
function maskHeader(header: string): string {
  const colon = header.indexOf(':');
  if (colon < 0) return maskValue(header);
  const value = header.slice(colon + 1).trimStart();
  return `${header.slice(0, colon)}: ${maskValue(value)}`;
}

/**
 * Masks the credentials in a URL: its userinfo (`https://user:pass@host` →
 * `https://••••@host`) and query or fragment parameters whose name looks like a credential
 * (`?token=…`, `&api_key=…`, `#access_token=…`). Text that is not a URL is returned as is.
 */
export function maskUrl(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!scheme) return url;
  const start = scheme[0].length;
  const authorityEnd = url.slice(start).search(/[/?#]/);
  const authority = url.slice(start, authorityEnd < 0 ? undefined : start + authorityEnd);
  const at = authority.lastIndexOf('@');
  const rest = url.slice(start + authority.length);
  const host = at < 0 ? authority : `${MASK}@${authority.slice(at + 1)}`;
  return `${url.slice(0, start)}${host}${rest.replace(
    /([?#&])([^=&#]*)=([^&#]*)/g,
    (pair, sep: string, name: string, value: string) =>
      // A value masked already (text masked twice) is kept as it is.
      SECRET_PARAM.test(name) && value !== '' && !value.startsWith(MASK)
        ? `${sep}${name}=${maskValue(value)}`
        : pair,
  )}`;
}

/** Header names whose value is a credential, wherever they appear in a message. */
const SECRET_HEADER =
  /\b(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|cookie|set-cookie)(\s*:\s*)([^\r\n"']+)/gi;
/** `Bearer <token>`-like credentials: long enough and not a plain word. */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/-]{8,}=*)/g;
/** `--token X`, `--api-key=X`, `--bearer X` in a quoted command line. */
const SECRET_FLAG_IN_TEXT =
  /(?<![\w-])(--?[\w-]*(?:token|key|secret|password|passwd|auth|bearer))(=|[ \t]+)([^\s"']*[^\s"'.,;:!?)])/gi;
/** `API_TOKEN=value` environment assignments. */
const SECRET_ASSIGNMENT =
  /\b([A-Z][A-Z0-9_]*(?:TOKEN|KEY|SECRET|PASSWORD|PASSWD|AUTH)[A-Z0-9_]*)=([^\s"']+)/g;
// Punctuation that ends a sentence is not part of the URL.
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]*[^\s"'<>`.,:;!?)\]]/gi;

/**
 * Whether a word after `--token`-like flag is a value rather than prose ("--oauth is for…"):
 * it has a digit or a symbol tokens use, or is long; never another flag.
 */
function looksLikeCredential(word: string): boolean {
  return !word.startsWith('-') && (/[\d._~+/=:]/.test(word) || word.length >= 12);
}

/**
 * Masks credentials inside free text — an error message, a warning, a command line:
 * URLs (as {@link maskUrl}), `Authorization:`-like header values, `Bearer <token>`,
 * `--token X`-like arguments and `API_KEY=value` assignments. Used on every message both
 * CLIs print about a server or a config, so secrets never reach the screen or a log.
 */
export function maskSecretsInText(text: string): string {
  return text
    .replace(URL_IN_TEXT, (url) => maskUrl(url))
    .replace(SECRET_HEADER, (_m, name: string, sep: string, value: string) =>
      value.trim().startsWith(MASK) ? _m : `${name}${sep}${maskValue(value.trim())}`,
    )
    .replace(SCHEME_CREDENTIAL, (m, scheme: string, sep: string, token: string) =>
      /[\d._~+/=-]/.test(token) ? `${scheme}${sep}${maskValue(token)}` : m,
    )
    .replace(SECRET_FLAG_IN_TEXT, (m, flag: string, sep: string, value: string) =>
      value.startsWith(MASK) || (sep !== '=' && !looksLikeCredential(value))
        ? m
        : `${flag}${sep}${maskValue(value)}`,
    )
    .replace(SECRET_ASSIGNMENT, (m, name: string, value: string) =>
      value.startsWith(MASK) ? m : `${name}=${maskValue(value)}`,
    );
}

/**
 * Replaces every occurrence of the given secret values (four characters or more), also
 * URL-encoded, with `••••`: for text that may quote a token, secret or code that this
 * process itself handled, whatever its shape.
 */
export function redactKnownSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join(MASK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && encoded.length >= 4) result = result.split(encoded).join(MASK);
  }
  return result;
}
