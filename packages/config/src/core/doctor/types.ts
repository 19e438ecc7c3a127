// The vocabulary of `mcp-config doctor`: what a check finds, and how the client would launch a
// server. Static checks, the live check and the log reader each produce findings; the command
// prints them (text or --json) and `--fix` applies the edits some of them carry.
import type { ClientId } from '@mcpkit/shared/client-paths';

/**
 * How bad a finding is. `error`: the client will not connect (doctor exits 1). `warning`: it
 * may connect but something is fragile or slow. `info`: context (which interpreter, the
 * client's last log line). `ok`: a check that passed (the ✓ lines).
 */
export type Severity = 'ok' | 'info' | 'warning' | 'error';

/** A safe change `--fix` can make to the entry's `command`/`args` (nothing else). */
export type EntryFix =
  /** Write `value` (an absolute path the client can start) as the command. */
  | { kind: 'set-command'; value: string }
  /** Replace argument `index` (e.g. a relative path made absolute). */
  | { kind: 'set-arg'; index: number; value: string }
  /** Insert `value` before argument `index` (e.g. `-y` for npx). */
  | { kind: 'insert-arg'; index: number; value: string }
  /** Windows: run the command through `cmd /c` (npm-style `.cmd` shims). */
  | { kind: 'wrap-cmd' };

/** Where in a file a finding points, 1-based. */
export interface FindingLocation {
  file: string;
  line?: number;
  column?: number;
}

/** One thing doctor found about a server (or about the client's config file). */
export interface Finding {
  /** Stable identifier, one per cause (e.g. `command-not-on-client-path`), for --json users. */
  code: string;
  severity: Severity;
  /** What is wrong (or what was checked and is fine), one line, no trailing period. */
  message: string;
  /** Why it matters to the client, one line. */
  why?: string;
  /** The exact fix: a command to run or the edit to make, one line. */
  fix?: string;
  /**
   * Edits `--fix` may apply for this finding: one fix, applied together and in order (e.g.
   * `set-command` to node then `insert-arg` 0 the script; `set-command` then `wrap-cmd`).
   */
  edits?: EntryFix[];
  /** Where the problem is. */
  location?: FindingLocation;
  /** Supporting lines (stderr tail, the stray stdout line, a log line): untrusted text. */
  detail?: string[];
}

/**
 * How a client would start a stdio server, as doctor models it: the PATH and environment it
 * passes, its working folder and how long it waits for the handshake.
 */
export interface LaunchPlan {
  client: ClientId;
  /** The command as the config has it. */
  command: string;
  /** Where the client would find it on ITS PATH; undefined when it would not. */
  resolved?: string;
  /** Where the shell running doctor finds it (for the fix and for launching anyway). */
  shellResolved?: string;
  args: string[];
  /** The complete environment the client gives the server (its base plus the entry's env). */
  env: Record<string, string>;
  /** The working folder the client starts the server in. */
  cwd: string;
  /** How long the check waits for the handshake, in ms: the client's own limit, or --timeout. */
  timeoutMs: number;
  /** The client's own limit (60 s Claude Desktop, 30 s Claude Code…) when --timeout replaced it. */
  clientTimeoutMs?: number;
}

/**
 * How a client would connect to a remote (url) server, as doctor models it: the URL and
 * headers after the client's variable expansion, and how long it waits for the handshake.
 */
export interface RemotePlan {
  client: ClientId;
  /** The entry's name (some clients' sign-in commands name it). */
  name: string;
  /** `http`: Streamable HTTP (falling back to legacy SSE); `sse`: legacy SSE only. */
  transport: 'http' | 'sse';
  /** The endpoint, expanded (may carry a token: mask it before printing). */
  url: string;
  /** The request headers the client sends, expanded (secrets: never printed). */
  headers: Record<string, string>;
  /** The client's connection timeout, in ms. */
  timeoutMs: number;
  /** The client's own limit when --timeout replaced it. */
  clientTimeoutMs?: number;
}

/** What the live check saw: a handshake, its timing and what the server said. */
export interface LiveOutcome {
  /** Handshake and tools/list completed within the client's timeout. */
  connected: boolean;
  /** Time from spawn to the handshake's end, in ms (when it completed). */
  handshakeMs?: number;
  /** Time from spawn to the tools listed, in ms. */
  totalMs?: number;
  serverName?: string;
  serverVersion?: string;
  protocolVersion?: string;
  /** Number of tools listed. */
  tools?: number;
  /**
   * The command actually launched (the shell's copy when the client's PATH lacks it); for a
   * remote server, its URL, masked.
   */
  launched: string;
  /** For a remote server: the transport that answered (Streamable HTTP, or legacy SSE). */
  wire?: 'streamable-http' | 'sse';
  findings: Finding[];
}

/** Everything doctor found about one server. */
export interface ServerReport {
  name: string;
  client: ClientId;
  /** The config file the entry is in, with the entry's position. */
  location: FindingLocation;
  scope: string;
  transport: 'stdio' | 'http' | 'sse';
  /** Masked one-line description: the command line, or the URL. */
  summary: string;
  findings: Finding[];
  live?: LiveOutcome;
  /** `fail` when any finding is an error; `warn` when any is a warning. */
  status: 'ok' | 'warn' | 'fail';
}
