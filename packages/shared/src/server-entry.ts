// The normalized form of a client's server entries, apart from the code that parses them
// (server-entries.ts) and shapes them (entry-shape.ts), which both use it.
import type { ClientId, ConfigScope } from './client-paths.js';
import type { ConfigError, SourceLocation } from './config-text.js';

/** Fields every server entry has, whatever its transport. */
export interface ServerEntryBase {
  /** The entry's key in the servers object. */
  name: string;
  /** Client whose file the entry came from. */
  client: ClientId;
  /** Scope of the file (or section) it came from. */
  scope: ConfigScope;
  /** The entry exactly as written. */
  raw: unknown;
  /** Where the entry's name is written. */
  location: SourceLocation;
}

/** A server the client launches as a child process and talks to over stdio. */
export interface StdioServerEntry extends ServerEntryBase {
  transport: 'stdio';
  /** Executable to run, unexpanded. */
  command: string;
  /** Arguments, unexpanded. */
  args: string[];
  /** Variables added to the client's environment, unexpanded. */
  env: Record<string, string>;
  /** Working directory, when the entry sets one. */
  cwd?: string;
  /** VS Code only: a dotenv file whose variables are added to `env`. */
  envFile?: string;
}

/** A server the client connects to over HTTP (Streamable HTTP) or the legacy SSE transport. */
export interface RemoteServerEntry extends ServerEntryBase {
  transport: 'http' | 'sse';
  /** Endpoint URL, unexpanded. */
  url: string;
  /** Extra request headers, unexpanded. */
  headers: Record<string, string>;
}

/** One server entry in normalized form. */
export type ServerEntry = StdioServerEntry | RemoteServerEntry;

/** An entry that the client would reject or skip, with why. */
export interface InvalidServerEntry {
  /** The entry's key. */
  name: string;
  /** What is wrong, with the position of the offending value. */
  error: ConfigError;
}

/** The servers of one config file (or one section of `~/.claude.json`). */
export interface ServerEntriesResult {
  /** File read. */
  file: string;
  /** Client the file belongs to. */
  client: ClientId;
  /** Scope read. */
  scope: ConfigScope;
  /** Valid entries, in file order. */
  entries: ServerEntry[];
  /** Entries with problems, in file order. */
  invalid: InvalidServerEntry[];
}
