import type { ChildProcess, SpawnOptions } from 'node:child_process';
import {
  deserializeMessage,
  serializeMessage,
  type JSONRPCMessage,
  type Transport,
} from '@modelcontextprotocol/client';
import crossSpawn from 'cross-spawn';
import { DEFAULT_MAX_MESSAGE_BYTES, MessageTooLargeError, type ByteMeter } from './limits.js';
import {
  forgetGroup,
  groupAlive,
  signalGroup,
  trackGroup,
  waitGroupGone,
} from './process-group.js';

/** How to start a stdio server. */
export interface ProcessTransportOptions {
  command: string;
  args: readonly string[];
  /** The complete environment of the server (nothing is inherited implicitly). */
  env: Record<string, string>;
  cwd?: string;
  /**
   * How long to wait for the server to exit after its stdin is closed before SIGTERM.
   * Default 100 ms: by then every response has arrived, and some servers (including the
   * reference ones once a client declares roots) never exit on end of input alone.
   */
  exitGraceMs?: number;
  /** How long to wait after SIGTERM before SIGKILL. Default 1000 ms. */
  killGraceMs?: number;
  /** Bytes of stderr kept (from the end). Default 256 KiB. */
  stderrLimit?: number;
  /**
   * Longest stdout line (one message) accepted, in bytes; a longer one ends the connection
   * with a {@link MessageTooLargeError} as soon as the bound is passed. Default 64 MiB.
   */
  maxMessageBytes?: number;
  /** Counts the bytes read from the server's stdout. */
  meter?: ByteMeter;
  /** Process spawner (injected in tests); defaults to cross-spawn. */
  spawn?: (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;
}

/** A line on the server's stdout that is not an MCP message. */
export interface StrayOutput {
  /** The line, as written (possibly long; sanitize before printing). */
  line: string;
  /** Why it is not a message. */
  reason: 'not JSON' | 'not a JSON-RPC message';
}

/** How the server process ended. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The start of a server failed: the command was not found, not executable, ... */
export class ProcessStartError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProcessStartError';
    this.code = code;
  }
}

/**
 * An MCP transport over a child process's stdin/stdout, with the message framing of the
 * SDK (`serializeMessage` / `deserializeMessage`). Unlike the SDK's stdio transport it
 * reports non-protocol stdout lines instead of skipping them, bounds the size of a message
 * while reading it, keeps a bounded copy of stderr, runs the server in its own process group,
 * and closes it promptly: stdin is closed, then after a short grace the whole group gets
 * SIGTERM, then SIGKILL — and whatever the server left running in its group is stopped too,
 * even when the server itself exited on end of input.
 */
export class ProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  /** Called for every stdout line that is not an MCP message. */
  onstray?: (stray: StrayOutput) => void;
  /** Called with each chunk of the server's stderr as it arrives. */
  onstderr?: (chunk: string) => void;

  private readonly options: ProcessTransportOptions;
  private child: ChildProcess | undefined;
  /** The server's pid, which is also its process group id; kept after it exits. */
  private groupId: number | undefined;
  /** The unfinished line: its pieces and their total size. */
  private pendingParts: Buffer[] = [];
  private pendingBytes = 0;
  private stderrText = '';
  private exitInfo: ProcessExit | undefined;
  private exited: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private oversize: MessageTooLargeError | undefined;

  constructor(options: ProcessTransportOptions) {
    this.options = options;
  }

  /** The server's stderr so far (the last `stderrLimit` bytes). */
  get stderr(): string {
    return this.stderrText;
  }

  /** The server's exit status, once it has exited. */
  get exit(): ProcessExit | undefined {
    return this.exitInfo;
  }

  /**
   * Waits up to `ms` for the server to exit (its streams closed) and returns its exit
   * status; undefined when it is still running then, or was never started.
   */
  async waitForExit(ms: number): Promise<ProcessExit | undefined> {
    if (this.exitInfo || !this.exited) return this.exitInfo;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.exited,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
    ]).finally(() => clearTimeout(timer));
    return this.exitInfo;
  }

  /** The server's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Set when the server sent a message over the size bound (the connection was ended). */
  get tooLarge(): MessageTooLargeError | undefined {
    return this.oversize;
  }

  start(): Promise<void> {
    if (this.child) throw new Error('ProcessTransport already started');
    const spawn = this.options.spawn ?? crossSpawn;
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.command, this.options.args, {
        env: this.options.env,
        cwd: this.options.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        // Its own process group, so that close() reaches whatever the server started.
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      this.child = child;
      this.groupId = child.pid;
      if (child.pid !== undefined) trackGroup(child.pid);
      this.exited = new Promise((done) => child.once('close', () => done()));
      child.once('error', (error: NodeJS.ErrnoException) => {
        const failure = new ProcessStartError(error.message, error.code, { cause: error });
        reject(failure);
        this.onerror?.(failure);
      });
      child.once('spawn', () => resolve());
      child.once('close', (code, signal) => {
        this.exitInfo = { code, signal };
        this.child = undefined;
        this.onclose?.();
      });
      child.stdin?.on('error', (error) => this.onerror?.(error));
      child.stdout?.on('data', (chunk: Buffer) => this.receive(chunk));
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        const limit = this.options.stderrLimit ?? 256 * 1024;
        this.stderrText = (this.stderrText + chunk).slice(-limit);
        this.onstderr?.(chunk);
      });
    });
  }

  /**
   * Splits stdout into lines without copying what was already scanned (a long message
   * arrives in many chunks), and ends the connection the moment a line outgrows the bound.
   */
  private receive(chunk: Buffer): void {
    if (this.oversize) return;
    this.options.meter?.add(chunk.length);
    const limit = this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, end);
      start = end + 1;
      if (this.pendingBytes + piece.length > limit) return this.rejectOversize(limit);
      const line =
        this.pendingParts.length > 0 ? Buffer.concat([...this.pendingParts, piece]) : piece;
      this.pendingParts = [];
      this.pendingBytes = 0;
      this.handleLine(line.toString('utf8').replace(/\r$/, ''));
      if (this.oversize) return;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (this.pendingBytes + rest.length > limit) return this.rejectOversize(limit);
      this.pendingParts.push(rest);
      this.pendingBytes += rest.length;
    }
  }

  private rejectOversize(limit: number): void {
    this.pendingParts = [];
    this.pendingBytes = 0;
    this.oversize = new MessageTooLargeError(limit);
    this.onerror?.(this.oversize);
    // Pending requests fail as soon as the connection closes, instead of waiting for a
    // reply that was dropped.
    void this.close();
  }

  private handleLine(line: string): void {
    if (line.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = deserializeMessage(line);
    } catch (error) {
      this.onstray?.({
        line,
        reason: error instanceof SyntaxError ? 'not JSON' : 'not a JSON-RPC message',
      });
      return;
    }
    this.onmessage?.(message);
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed || !stdin.writable) {
      return Promise.reject(
        Object.assign(new Error('the server is not running'), { code: 'EPIPE' }),
      );
    }
    return new Promise((resolve, reject) => {
      stdin.write(serializeMessage(message), (error) => (error ? reject(error) : resolve()));
    });
  }

  /**
   * Stop the server the way the MCP spec describes for stdio: close its stdin, wait
   * briefly for it to exit, then SIGTERM its process group, then SIGKILL. Then whatever is
   * left of the group (helpers the server started) gets SIGTERM and, after the same grace,
   * SIGKILL — also when the server had already exited. Safe to call more than once.
   */
  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    const child = this.child;
    const group = this.groupId;
    const killGrace = this.options.killGraceMs ?? 1000;
    if (child && this.exited) {
      // The timers hold the event loop: a stop that is under way must finish.
      const waitExit = (ms: number) => {
        let timer: NodeJS.Timeout | undefined;
        return Promise.race([
          this.exited!.then(() => true),
          new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms))),
        ]).finally(() => clearTimeout(timer));
      };
      child.stdin?.end();
      if (!(await waitExit(this.options.exitGraceMs ?? 100))) {
        this.signal(child, 'SIGTERM');
        if (!(await waitExit(killGrace))) {
          this.signal(child, 'SIGKILL');
          await waitExit(1000);
        }
      }
    }
    if (group === undefined) return;
    if (groupAlive(group)) {
      signalGroup(group, 'SIGTERM');
      if (!(await waitGroupGone(group, killGrace))) {
        signalGroup(group, 'SIGKILL');
        await waitGroupGone(group, 1000);
      }
    }
    forgetGroup(group);
  }

  private signal(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid !== undefined && signalGroup(child.pid, signal)) return;
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}
