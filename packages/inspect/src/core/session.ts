import {
  ConnectError,
  openConnection,
  type Connection,
  type EraMode,
  type OpenConnectionOptions,
  type ServerTarget,
} from '@mcpkit/shared/connection';
import { formatBytes, MessageTooLargeError } from '@mcpkit/shared/limits';
import type { StrayOutput } from '@mcpkit/shared/process-transport';
import {
  SdkError,
  SdkErrorCode,
  type Client,
  type ClientCapabilities,
  type RequestOptions,
} from '@modelcontextprotocol/client';
import { EXIT, InspectError } from './errors.js';
import { policyCapabilities, registerPolicies, type ServerRequestEvent } from './policies.js';
import type { PolicyOptions } from './options.js';

/** Everything a session needs to start. */
export interface SessionOptions {
  target: ServerTarget;
  era: EraMode;
  /**
   * Reach a server that refuses the 2025 handshake as an unsupported version in the
   * 2026-07-28 era instead (for the default era, not one the person chose).
   */
  fallbackToModern?: boolean;
  /** Bound on the handshake and on every wait for a reply (reset by progress where asked), in ms. */
  timeoutMs: number;
  /** Bound on the whole of one request, progress or not, in ms (default 10 × timeoutMs). */
  maxTimeMs?: number;
  /** Largest message accepted from the server, and largest list across its pages, in bytes. */
  maxMessageBytes?: number;
  /** Aborting it (Ctrl-C) stops the handshake at once. */
  signal?: AbortSignal;
  policies: PolicyOptions;
  /** Version of mcp-inspect, sent as clientInfo. */
  version: string;
  /** Live server stderr (stdio). */
  onStderr?: (chunk: string) => void;
  /** Server stdout lines that are not MCP messages. */
  onStray?: (stray: StrayOutput) => void;
  /** Elicitation, sampling and roots requests and how they were answered. */
  onServerRequest?: (event: ServerRequestEvent) => void;
  /** Logging notifications from the server. */
  onLog?: (level: string, text: string) => void;
  /**
   * Answer the server's requests (elicitation, sampling, roots) some other way than by
   * `policies` — by asking a person — declaring these capabilities.
   */
  serverRequests?: { capabilities: ClientCapabilities; register: (client: Client) => void };
  /** Every JSON-RPC message, both ways. */
  onTraffic?: OpenConnectionOptions['onTraffic'];
  /** Handlers of list_changed notifications. */
  listChanged?: OpenConnectionOptions['listChanged'];
}

/** A connected inspector session: the SDK client plus what it learned about the server. */
export class InspectSession {
  readonly client: Client;
  readonly connection: Connection;
  readonly timeoutMs: number;
  readonly maxTimeMs: number;
  readonly maxMessageBytes: number | undefined;

  private constructor(connection: Connection, options: SessionOptions) {
    this.connection = connection;
    this.client = connection.client;
    this.timeoutMs = options.timeoutMs;
    this.maxTimeMs = options.maxTimeMs ?? options.timeoutMs * 10;
    this.maxMessageBytes = options.maxMessageBytes;
  }

  /** Connect; failures become an {@link InspectError} with exit code 3 or 4. */
  static async open(options: SessionOptions): Promise<InspectSession> {
    try {
      const connection = await openConnection(options.target, {
        era: options.era,
        fallbackToModern: options.fallbackToModern,
        timeoutMs: options.timeoutMs,
        clientInfo: { name: 'mcp-inspect', version: options.version },
        capabilities: options.serverRequests?.capabilities ?? policyCapabilities(options.policies),
        onStderr: options.onStderr,
        onStray: options.onStray,
        maxMessageBytes: options.maxMessageBytes,
        signal: options.signal,
        onTraffic: options.onTraffic,
        listChanged: options.listChanged,
        prepare: (client) => {
          if (options.serverRequests) options.serverRequests.register(client);
          else
            registerPolicies(client, options.policies, (event) => options.onServerRequest?.(event));
          client.setNotificationHandler('notifications/message', (notification) => {
            const { level, data, logger } = notification.params;
            const text = typeof data === 'string' ? data : JSON.stringify(data);
            options.onLog?.(level, logger ? `${logger}: ${text}` : text);
          });
        },
      });
      return new InspectSession(connection, options);
    } catch (error) {
      if (error instanceof ConnectError) {
        const code = error.kind === 'timeout' ? EXIT.timeout : EXIT.connection;
        const maxSizeHint =
          error.kind === 'too-large' && options.maxMessageBytes !== undefined
            ? ` (--max-size ${formatBytes(options.maxMessageBytes)})`
            : '';
        const oauthHint =
          error.kind === 'unauthorized' &&
          options.target.transport !== 'stdio' &&
          !options.target.authProvider
            ? 'If the server supports OAuth, sign in with --oauth.'
            : undefined;
        const hint = [error.hint, oauthHint].filter(Boolean).join('\n') || undefined;
        throw new InspectError(code, `Could not connect: ${error.message}${maxSizeHint}.`, hint, {
          cause: error,
        });
      }
      throw error;
    }
  }

  /** Whether the server declared a capability (tools, resources, prompts, completions, logging). */
  has(capability: 'tools' | 'resources' | 'prompts' | 'completions' | 'logging'): boolean {
    return this.client.getServerCapabilities()?.[capability] !== undefined;
  }

  /** The server's stderr so far (stdio only). */
  get stderr(): string {
    return this.connection.process?.stderr ?? '';
  }

  /**
   * Sends one request through `send`, bounded three ways: `--timeout` for each wait for a
   * reply (the options carry it), `--max-time` for the whole request — which progress cannot
   * extend — and, for lists read across pages, `maxBytes` of replies in all. `signal` (Ctrl-C)
   * cancels it. A failure becomes an {@link InspectError} naming `what`.
   */
  async request<T>(
    what: string,
    signal: AbortSignal | undefined,
    send: (options: RequestOptions & { signal: AbortSignal }) => Promise<T>,
    limits: { maxBytes?: number } = {},
  ): Promise<T> {
    const own = new AbortController();
    let stopped: 'max-time' | 'too-large' | undefined;
    const stop = (why: 'max-time' | 'too-large') => {
      stopped ??= why;
      own.abort(new SdkError(SdkErrorCode.RequestTimeout, `stopped: ${why}`));
    };
    const timer = setTimeout(() => stop('max-time'), this.maxTimeMs);
    const unwatch =
      limits.maxBytes === undefined
        ? undefined
        : this.connection.meter.watch(limits.maxBytes, () => stop('too-large'));
    try {
      return await send({
        timeout: Math.min(this.timeoutMs, this.maxTimeMs),
        signal: signal ? AbortSignal.any([signal, own.signal]) : own.signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      if (stopped === 'max-time') {
        throw new InspectError(
          EXIT.timeout,
          `${what} did not finish within --max-time ${this.maxTimeMs} ms.`,
          'Progress does not extend --max-time; raise it for long operations.',
        );
      }
      if (stopped === 'too-large') {
        const tooLarge = new MessageTooLargeError(limits.maxBytes ?? 0, 'replies');
        throw new InspectError(
          EXIT.connection,
          `While ${what}, ${tooLarge.message} in all (--max-size bounds a whole list too).`,
          'If the server is right to send that much, raise --max-size.',
        );
      }
      throw requestFailure(what, error, this);
    } finally {
      clearTimeout(timer);
      unwatch?.();
    }
  }

  /** Stop the server (stdio) or end the HTTP session. */
  close(): Promise<void> {
    return this.connection.close();
  }
}

/**
 * Turn an error from a request into an {@link InspectError}: a timeout exits 4, a
 * closed connection 3, an error answer from the server 1.
 */
export function requestFailure(
  what: string,
  error: unknown,
  session?: InspectSession,
): InspectError {
  if (error instanceof InspectError) return error;
  const tooLarge = session?.connection.tooLarge();
  if (tooLarge) {
    return new InspectError(
      EXIT.connection,
      `While ${what}, ${tooLarge.message} (--max-size); the connection was closed.`,
      'If the server is right to send that much, raise --max-size.',
    );
  }
  if (error instanceof SdkError) {
    if (error.code === SdkErrorCode.RequestTimeout) {
      return new InspectError(
        EXIT.timeout,
        `${what} timed out after ${session?.timeoutMs ?? '?'} ms.`,
        'Raise --timeout, or check that the server is not stuck.',
      );
    }
  }
  if (isConnectionLoss(error, session)) {
    const exit = session?.connection.process?.exit;
    const how = exit
      ? exit.signal
        ? ` (killed by ${exit.signal})`
        : ` (exit code ${exit.code})`
      : '';
    return new InspectError(
      EXIT.connection,
      `The server closed the connection during ${what}${how}.`,
      'Run with --stderr to see what it printed.',
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  // The cause tells an OAuth retry that the server asked for (more) authorization.
  return new InspectError(EXIT.serverError, `${what} failed: ${message}`, undefined, {
    cause: error,
  });
}

/**
 * Whether a request failed because the connection went away: closed, never open, or a
 * write to a server that has just exited (EPIPE wins the race against the exit event).
 */
function isConnectionLoss(error: unknown, session?: InspectSession): boolean {
  if (session?.connection.process?.exit) return true;
  if (error instanceof SdkError) {
    return [
      SdkErrorCode.ConnectionClosed,
      SdkErrorCode.NotConnected,
      SdkErrorCode.SendFailed,
    ].includes(error.code);
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return ['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END'].includes(
    code ?? '',
  );
}
