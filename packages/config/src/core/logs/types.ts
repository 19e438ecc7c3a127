// The vocabulary of `mcp-config logs` and of doctor's log check: one record of a client's MCP
// log, and the file access the readers need (passed in, so tests use fakes and count bytes).

/** Severity of a log record, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Rank of each level, for `--level` (a minimum). */
export const LEVEL_RANK: Readonly<Record<LogLevel, number>> = {
  debug: 0,
  info: 1,
  warn: 2,
  error: 3,
};

/**
 * One record of a client's MCP log: a timestamped line and the untimestamped lines after it
 * (a server's raw stderr, such as a Python traceback). Everything in it is untrusted text read
 * from disk: sanitise before printing.
 */
export interface LogRecord {
  /** When it was written, in ms since the epoch; undefined for lines before any timestamp. */
  time: number | undefined;
  /** The level the client wrote (`warning` is read as `warn`); `info` when the line has none. */
  level: LogLevel;
  /** The server it is about (`[weather]`, or Claude Code's `mcp-logs-<name>` folder). */
  server: string | undefined;
  /** The first line of the message, without a trailing `{ metadata: … }`. */
  message: string;
  /** Lines without a timestamp that followed it (raw stderr, a stack, pretty-printed JSON). */
  continuation: string[];
  /** The `{ metadata: … }` suffix Claude Desktop appends, without the braces (`undefined`). */
  metadata?: string;
  /** A JSON value at the end of the message (`Message from server: {...}`), as written. */
  json?: string;
  /** The file the record was read from. */
  file: string;
  /**
   * While following: lines that continue a record printed before (its time, level and server
   * are repeated from it and `message` is empty).
   */
  continued?: boolean;
}

/** What a stat of a log file tells the readers. */
export interface LogFileStat {
  /** Bytes. */
  size: number;
  /** Identity of the file (inode; on Windows the file index): a new value means rotation. */
  ino: number;
  /** Last write, ms since the epoch. */
  mtimeMs: number;
  /** A regular file (not a FIFO or device, which are never read). */
  isFile: boolean;
  isDirectory: boolean;
}

/** An open log file. */
export interface LogFileHandle {
  /** Reads up to `length` bytes at `position`; fewer at the end of the file. */
  read(position: number, length: number): Buffer;
  /** The open file's own size and identity (it may have been renamed since). */
  stat(): LogFileStat;
  /** Releases the file. */
  close(): void;
}

/** File access of the log readers. */
export interface LogFs {
  /** undefined when the path does not exist (or cannot be reached from this machine). */
  stat(path: string): LogFileStat | undefined;
  /** Entry names of a folder; [] when it is missing or unreadable. */
  listDir(dir: string): string[];
  /** Opens a file for reading; throws when it cannot. */
  open(path: string): LogFileHandle;
  /**
   * Calls `onChange` when something in `dir` changes, until the returned function is called.
   * Optional: without it (or when watching fails) following relies on polling alone.
   */
  watch?(dir: string, onChange: () => void): () => void;
}
