// What a session is asked to do, as typed values. The CLI parses its flags into these once
// (commands/options.ts); core reads nothing else, so any front end can fill them in.
import type { ClientId } from '@mcpkit/shared/client-paths';
import type { EraMode } from '@mcpkit/shared/connection';
import type { OAuthClientSettings } from './oauth-provider.js';

/**
 * Which server to reach: exactly one of `command`, `url` or `server` is set, and with it
 * the settings that apply to that kind of server.
 */
export interface ConnectionOptions {
  /** A stdio server: the program and its arguments (empty for --url and --server). */
  command: readonly string[];
  /** An HTTP server: its endpoint, an absolute http or https URL. */
  url?: string;
  /** Use the legacy HTTP+SSE transport for `url` instead of Streamable HTTP. */
  sse: boolean;
  /** Extra HTTP headers, by name (for `url`, or added to an HTTP config entry). */
  headers: Record<string, string>;
  /** Bearer token given on the command line; `$MCP_BEARER_TOKEN` applies when absent. */
  bearer?: string;
  /** Variables added to a stdio server's environment. */
  env: Record<string, string>;
  /** Working directory of a stdio server (as given; relative to the caller's cwd). */
  cwd?: string;
  /** A server by name from a client's config file. */
  server?: string;
  /** Whose config `server` is read from; default: guessed from `config`, else Claude Desktop. */
  client?: ClientId;
  /** The config file to read `server` from instead of the client's own. */
  config?: string;
  /** The protocol era to connect in. */
  era: EraMode;
  /**
   * Whether the era is the default one rather than chosen: then a server that refuses the
   * 2025 handshake as an unsupported version is reached in the 2026-07-28 era instead.
   */
  eraIsDefault: boolean;
  /** Bound on the handshake and on each wait for a reply, in milliseconds. */
  timeoutMs: number;
  /** Bound on the whole of one request, in milliseconds (default: 10 × `timeoutMs`). */
  maxTimeMs?: number;
  /** Largest message accepted from the server, and largest list across its pages, in bytes. */
  maxMessageBytes: number;
}

/** How to answer a server's elicitation (a question for the user). */
export type ElicitPolicy =
  | { kind: 'decline' }
  | { kind: 'accept-defaults' }
  | { kind: 'json'; content: Record<string, unknown>; file: string };

/** How to answer a server's sampling request (a question for the model). */
export type SamplePolicy = { kind: 'decline' } | { kind: 'reply'; text: string };

/** How requests from the server are answered, so that no one has to be asked. */
export interface PolicyOptions {
  /** Answer to elicitation requests. */
  elicit: ElicitPolicy;
  /** Answer to sampling requests. */
  sample: SamplePolicy;
  /** Absolute directories offered as roots (none: an empty list). */
  roots: string[];
}

/** Signing in to an HTTP server with OAuth (MCP authorization). */
export interface OAuthOptions {
  /** The grant, client identity and scope to use. */
  settings: OAuthClientSettings;
  /** Fetch the authorization URL and follow its redirects instead of opening a browser. */
  headless: boolean;
  /** How long to wait for the browser to come back, in milliseconds. */
  callbackTimeoutMs: number;
  /** A fixed loopback port for the redirect URI (pre-registered clients need one). */
  redirectPort?: number;
}

/** How results and notes are printed. */
export interface OutputOptions {
  /** One JSON document on stdout; errors as JSON on stderr; no notes. */
  json: boolean;
  /** Stream the server's stderr as it comes. */
  serverStderr: boolean;
}

/** Everything one command needs besides its own arguments. */
export interface SessionCommandOptions {
  connection: ConnectionOptions;
  policies: PolicyOptions;
  /** Set when OAuth was asked for. */
  oauth?: OAuthOptions;
  output: OutputOptions;
}

/** The arguments of `call` and `prompt`, before the schema gives them their types. */
export interface ArgumentOptions {
  /** `key=value` pairs, each value coerced by the schema. */
  arg: string[];
  /** All arguments as the text of one JSON object. */
  args?: string;
  /** Check the arguments against the input schema before sending (false: send as given). */
  validate: boolean;
}
