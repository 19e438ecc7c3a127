// Where a server is and how it is reached: the inputs of openConnection, in a file of their
// own so that the connection code and its error classification both depend on them.
import type { AuthProvider, OAuthClientProvider } from '@modelcontextprotocol/client';

/** A server started as a child process that speaks MCP on stdin/stdout. */
export interface StdioTarget {
  transport: 'stdio';
  command: string;
  args: string[];
  /** The complete environment of the server. */
  env: Record<string, string>;
  cwd?: string;
}

/** A server reached over HTTP: Streamable HTTP (`http`, falling back to SSE) or legacy SSE. */
export interface HttpTarget {
  transport: 'http' | 'sse';
  url: string;
  headers: Record<string, string>;
  /** Gives the SDK transport its tokens; an OAuth provider also runs the authorization flow. */
  authProvider?: AuthProvider | OAuthClientProvider;
}

/** Where a server is and how to reach it. */
export type ServerTarget = StdioTarget | HttpTarget;

/**
 * Completes an authorization the provider started: exchanges the callback's `code` (and
 * checks `iss`) on the transport that saw the challenge, so its `resource_metadata` and
 * `scope` are used. Connect again afterwards.
 */
export type FinishAuth = (callback: URLSearchParams) => Promise<void>;

/** Protocol era: 2025 (`initialize`), 2026-07-28 (`server/discover`), or probe and pick. */
export type EraMode = 'legacy' | 'modern' | 'auto';

/** The modern protocol revision a `modern` connection pins. */
export const MODERN_PROTOCOL_VERSION = '2026-07-28';
