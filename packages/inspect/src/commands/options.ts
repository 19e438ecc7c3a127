// The one place where mcp-inspect's flags, as strings, become typed options; every problem
// is a usage error (exit 2) saying what is wrong and how to write it.
import { resolve } from 'node:path';
import { CLIENT_IDS, type ClientId } from '@mcpkit/shared/client-paths';
import type { EraMode } from '@mcpkit/shared/connection';
import { HeaderFlagError, parseHeaderFlags } from '@mcpkit/shared/header-flags';
import { parseSize } from '@mcpkit/shared/limits';
import { usageError } from '../core/errors.js';
import type {
  ConnectionOptions,
  ElicitPolicy,
  OAuthOptions,
  PolicyOptions,
  SamplePolicy,
  SessionCommandOptions,
} from '../core/options.js';

/** The flags every session command takes, as given on the command line (any parser). */
export interface InspectFlags {
  url?: string;
  sse?: boolean;
  header?: string[];
  bearer?: string;
  env?: string[];
  cwd?: string;
  server?: string;
  client?: string;
  config?: string;
  /** Absent: the default era (2025, falling back to 2026-07-28 when refused). */
  era?: string;
  timeout?: string;
  maxTime?: string;
  maxSize?: string;
  json?: boolean;
  stderr?: boolean;
  root?: string[];
  elicit?: string;
  sample?: string;
  oauth?: boolean;
  oauthHeadless?: boolean;
  oauthGrant?: string;
  oauthClientId?: string;
  oauthClientSecret?: string;
  oauthClientMetadataUrl?: string;
  oauthClientKey?: string;
  oauthClientKeyAlg?: string;
  oauthScope?: string;
  oauthRedirectPort?: string;
  oauthTimeout?: string;
}

/** What parsing needs from outside: the caller's directory and environment, a file reader. */
export interface ParseContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  readText?: (file: string) => Promise<string>;
}

/** Reads a file given with a flag (loaded only when a flag names one). */
async function readTextFile(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(file, 'utf8');
}

const DEFAULTS = { timeout: '30000', maxSize: '64MiB', elicit: 'decline', sample: 'decline' };
const ERAS: readonly EraMode[] = ['legacy', 'modern', 'auto'];

/**
 * Validate the flags of a session command and turn them into typed options. `command` is
 * the stdio server command after `--` (empty for --url and --server).
 */
export async function parseSessionOptions(
  command: readonly string[],
  flags: InspectFlags,
  context: ParseContext,
): Promise<SessionCommandOptions> {
  const readText = context.readText ?? readTextFile;
  const connection = parseConnection(command, flags);
  const policies: PolicyOptions = {
    elicit: await parseElicitPolicy(flags.elicit ?? DEFAULTS.elicit, context.cwd, readText),
    sample: parseSamplePolicy(flags.sample ?? DEFAULTS.sample),
    roots: (flags.root ?? []).map((dir) => resolve(context.cwd, dir)),
  };
  const oauth = await parseOAuthOptions(flags, context.env, readText);
  if (oauth && command.length > 0)
    throw usageError(
      '--oauth is for HTTP servers: use it with --url (or an url entry of --server).',
    );
  if (
    oauth &&
    (flags.bearer !== undefined ||
      Object.keys(connection.headers).some((name) => name.toLowerCase() === 'authorization'))
  )
    throw usageError('Give --oauth or an Authorization header (--bearer, --header), not both.');
  return {
    connection,
    policies,
    oauth,
    output: { json: flags.json === true, serverStderr: flags.stderr === true },
  };
}

/** The server and how to reach it; exactly one of a command, --url or --server. */
export function parseConnection(
  command: readonly string[],
  flags: InspectFlags,
): ConnectionOptions {
  // Bounds first, then the server: a bad flag is reported even when no server is given.
  const timeoutMs = parseMilliseconds(flags.timeout ?? DEFAULTS.timeout, '--timeout');
  const maxSize = flags.maxSize ?? DEFAULTS.maxSize;
  const maxMessageBytes = parseSize(maxSize);
  if (maxMessageBytes === undefined)
    throw usageError(
      `--max-size must be a size such as 64MiB, 512KiB or 1048576, not "${maxSize}".`,
    );
  const maxTimeMs =
    flags.maxTime === undefined ? undefined : parseMilliseconds(flags.maxTime, '--max-time');
  const given = [command.length > 0, flags.url !== undefined, flags.server !== undefined].filter(
    Boolean,
  ).length;
  if (given === 0)
    throw usageError(
      'No server given.',
      'Pass a command after -- (e.g. mcp-inspect tools -- uv run my-server), --url URL, or --server NAME.',
    );
  if (given > 1) throw usageError('Give one server: a command after --, --url, or --server.');
  if (flags.client !== undefined && !CLIENT_IDS.includes(flags.client as ClientId))
    throw usageError(`Unknown client "${flags.client}".`, `Use one of: ${CLIENT_IDS.join(', ')}.`);
  if (flags.era !== undefined && !ERAS.includes(flags.era as EraMode))
    throw usageError(`Unknown --era "${flags.era}".`, 'Use legacy, modern or auto.');
  return {
    command: [...command],
    url: flags.url === undefined ? undefined : parseServerUrl(flags.url),
    sse: flags.sse === true,
    headers: parseHeaders(flags.header ?? []),
    bearer: flags.bearer,
    env: parseEnvPairs(flags.env ?? []),
    cwd: flags.cwd,
    server: flags.server,
    client: flags.client as ClientId | undefined,
    config: flags.config,
    era: (flags.era as EraMode | undefined) ?? 'legacy',
    eraIsDefault: flags.era === undefined,
    timeoutMs,
    maxTimeMs,
    maxMessageBytes,
  };
}

/**
 * An http(s) endpoint. Without a scheme (`localhost:8000/mcp`, which URL parsing reads as
 * the scheme `localhost:`) the message says so and suggests the http:// form.
 */
export function parseServerUrl(text: string): string {
  const example = 'Example: --url http://127.0.0.1:8000/mcp';
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const guess = `http://${text.replace(/^\/+/, '')}`;
    if (URL.canParse(guess) && /^[\w.-]+(:\d+)?(\/|$)/.test(text))
      throw usageError(`--url "${text}" has no scheme.`, `Did you mean --url ${guess} ?`);
    throw usageError(`--url "${text}" is not a URL.`, example);
  }
  if (!URL.canParse(text)) throw usageError(`--url "${text}" is not a URL.`, example);
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usageError(`--url must be http or https, not ${url.protocol.slice(0, -1)}.`, example);
  return url.href;
}

/** `--header 'Name: value'` flags as a header record. */
export function parseHeaders(flags: readonly string[]): Record<string, string> {
  try {
    return parseHeaderFlags(flags);
  } catch (error) {
    if (error instanceof HeaderFlagError) throw usageError(error.message, error.hint);
    throw error;
  }
}

/** `--env KEY=VALUE` flags as a record. */
export function parseEnvPairs(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`Bad --env "${pair.split('=')[0]}".`, 'Write it as KEY=value.');
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

/** A positive whole number of milliseconds. */
export function parseMilliseconds(text: string, flag: string): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value <= 0)
    throw usageError(
      `${flag} must be a positive number of milliseconds, not "${text}".`,
      `Example: ${flag} 10000`,
    );
  return value;
}

/** `--elicit decline|accept-defaults|json:FILE`; the file is read now. */
export async function parseElicitPolicy(
  text: string,
  cwd: string,
  readText: (file: string) => Promise<string>,
): Promise<ElicitPolicy> {
  if (text === 'decline' || text === 'accept-defaults') return { kind: text };
  if (text.startsWith('json:')) {
    const file = resolve(cwd, text.slice(5));
    let content: unknown;
    try {
      content = JSON.parse(await readText(file));
    } catch (error) {
      throw usageError(
        `--elicit ${text}: cannot read a JSON object from ${file}: ${(error as Error).message}.`,
      );
    }
    if (!content || typeof content !== 'object' || Array.isArray(content))
      throw usageError(
        `--elicit ${text}: ${file} must hold a JSON object (the answers by field name).`,
      );
    return { kind: 'json', content: content as Record<string, unknown>, file };
  }
  throw usageError(
    `Unknown --elicit policy "${text}".`,
    'Use decline, accept-defaults or json:FILE.',
  );
}

/** `--sample decline|reply:TEXT`. */
export function parseSamplePolicy(text: string): SamplePolicy {
  if (text === 'decline') return { kind: 'decline' };
  if (text.startsWith('reply:')) return { kind: 'reply', text: text.slice(6) };
  throw usageError(
    `Unknown --sample policy "${text}".`,
    "Use decline or reply:TEXT (e.g. --sample 'reply:It is sunny').",
  );
}

const OAUTH_FLAGS = [
  'oauthHeadless',
  'oauthGrant',
  'oauthClientId',
  'oauthClientSecret',
  'oauthClientMetadataUrl',
  'oauthClientKey',
  'oauthClientKeyAlg',
  'oauthScope',
  'oauthRedirectPort',
  'oauthTimeout',
] as const;

/** The OAuth options asked for, or undefined without --oauth (other --oauth-* flags need it). */
export async function parseOAuthOptions(
  flags: InspectFlags,
  env: Readonly<Record<string, string | undefined>>,
  readText: (file: string) => Promise<string> = readTextFile,
): Promise<OAuthOptions | undefined> {
  if (!flags.oauth) {
    const stray = OAUTH_FLAGS.find((key) => flags[key] !== undefined);
    if (stray)
      throw usageError(`--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --oauth.`);
    return undefined;
  }
  const grant = flags.oauthGrant ?? 'authorization_code';
  if (grant !== 'authorization_code' && grant !== 'client_credentials')
    throw usageError(
      `--oauth-grant must be authorization_code or client_credentials, not "${grant}".`,
    );
  const clientSecret = flags.oauthClientSecret ?? env.MCP_OAUTH_CLIENT_SECRET;
  if ((clientSecret || flags.oauthClientKey) && !flags.oauthClientId)
    throw usageError('A client secret or key needs --oauth-client-id.');
  if (clientSecret && flags.oauthClientKey)
    throw usageError('Give --oauth-client-secret or --oauth-client-key, not both.');
  if (grant === 'client_credentials' && !(clientSecret || flags.oauthClientKey))
    throw usageError(
      '--oauth-grant client_credentials needs --oauth-client-id with --oauth-client-secret (or $MCP_OAUTH_CLIENT_SECRET) or --oauth-client-key FILE.',
    );
  if (flags.oauthClientMetadataUrl !== undefined) {
    const url = URL.canParse(flags.oauthClientMetadataUrl)
      ? new URL(flags.oauthClientMetadataUrl)
      : undefined;
    if (url?.protocol !== 'https:' || url.pathname === '/')
      throw usageError(
        '--oauth-client-metadata-url must be an https URL with a path (a Client ID Metadata Document).',
      );
  }
  const port = flags.oauthRedirectPort;
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) > 65535))
    throw usageError(`--oauth-redirect-port must be a port number, not "${port}".`);
  let privateKey: string | undefined;
  if (flags.oauthClientKey) {
    try {
      privateKey = await readText(flags.oauthClientKey);
    } catch (error) {
      throw usageError(
        `Cannot read --oauth-client-key ${flags.oauthClientKey}: ${(error as Error).message}`,
      );
    }
  }
  return {
    settings: {
      grant,
      clientId: flags.oauthClientId,
      clientSecret,
      clientMetadataUrl: flags.oauthClientMetadataUrl,
      privateKey,
      privateKeyAlg: flags.oauthClientKeyAlg,
      scope: flags.oauthScope,
    },
    headless: flags.oauthHeadless === true,
    callbackTimeoutMs: parseMilliseconds(flags.oauthTimeout ?? '300000', '--oauth-timeout'),
    redirectPort: port === undefined ? undefined : Number(port),
  };
}
