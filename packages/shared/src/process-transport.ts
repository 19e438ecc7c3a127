import type { ChildProcess, SpawnOptions } from 'node:child_process';
import {
  deserializeMessage,
  serializeMessage,
  STDIO_DEFAULT_MAX_BUFFER_SIZE,
  type JSONRPCMessage,
  type Transport,
} from '@modelcontextprotocol/client';
import crossSpawn from 'cross-spawn';

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
 * reports non-protocol stdout lines instead of skipping them, keeps a bounded copy of
 * stderr, runs the server in its own process group, and closes it promptly: stdin is
 * closed, then after a short grace the whole group gets SIGTERM, then SIGKILL.
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
  private pending = '';
  private stderrText = '';
  private exitInfo: ProcessExit | undefined;
  private exited: Promise<void> | undefined;

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

  /** The server's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
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
      child.stdout?.setEncoding('utf8');
      child.stdout?.on('data', (chunk: string) => this.receive(chunk));
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        const limit = this.options.stderrLimit ?? 256 * 1024;
        this.stderrText = (this.stderrText + chunk).slice(-limit);
        this.onstderr?.(chunk);
      });
    });
  }

  private receive(chunk: string): void {
    this.pending += chunk;
    if (this.pending.length > STDIO_DEFAULT_MAX_BUFFER_SIZE) {
      this.pending = '';
      this.onerror?.(
        new Error(
          `the server wrote a line longer than ${STDIO_DEFAULT_MAX_BUFFER_SIZE} bytes to stdout`,
        ),
      );
      return;
    }
    for (let end = this.pending.indexOf('\n'); end !== -1; end = this.pending.indexOf('\n')) {
      const line = this.pending.slice(0, end).replace(/\r$/, '');
      this.pending = this.pending.slice(end + 1);
      if (line.trim() === '') continue;
      let message: JSONRPCMessage;
      try {
        message = deserializeMessage(line);
      } catch (error) {
        this.onstray?.({
          line,
          reason: error instanceof SyntaxError ? 'not JSON' : 'not a JSON-RPC message',
        });
        continue;
      }
      this.onmessage?.(message);
    }
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
   * briefly for it to exit, then SIGTERM its process group, then SIGKILL.
   */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || !this.exited) return;
    const waitExit = (ms: number) =>
      Promise.race([
        this.exited!.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref()),
      ]);
    child.stdin?.end();
    if (await waitExit(this.options.exitGraceMs ?? 100)) return;
    this.signal(child, 'SIGTERM');
    if (await waitExit(this.options.killGraceMs ?? 1000)) return;
    this.signal(child, 'SIGKILL');
    await waitExit(1000);
  }

  private signal(child: ChildProcess, signal: NodeJS.Signals): void {
    try {
      if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}
