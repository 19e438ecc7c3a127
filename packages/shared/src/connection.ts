import {
  Client,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type ClientCapabilities,
  type ClientOptions,
  type Implementation,
  type JSONRPCMessage,
  type Transport,
} from '@modelcontextprotocol/client';
import { classifyHttpFailure, classifyStdioFailure, ConnectError } from './connect-errors.js';
import { createBoundedFetch } from './bounded-fetch.js';
import { ByteMeter, DEFAULT_MAX_MESSAGE_BYTES, type MessageTooLargeError } from './limits.js';
import type { ProcessTransport, StrayOutput } from './process-transport.js';
import {
  MODERN_PROTOCOL_VERSION,
  type EraMode,
  type FinishAuth,
  type HttpTarget,
  type ServerTarget,
  type StdioTarget,
} from './server-target.js';

export { ConnectError, type ConnectFailure } from './connect-errors.js';
export {
  MODERN_PROTOCOL_VERSION,
  type EraMode,
  type FinishAuth,
  type HttpTarget,
  type ServerTarget,
  type StdioTarget,
} from './server-target.js';

/** Pages of one list read at most (a server that never stops paging is an error). */
export const LIST_MAX_PAGES = 10_000;

/** Options of {@link openConnection}. */
export interface OpenConnectionOptions {
  era: EraMode;
  /** Bound on the handshake, in milliseconds. */
  timeoutMs: number;
  clientInfo: Implementation;
  capabilities: ClientCapabilities;
  /** Register request and notification handlers on the client before it connects. */
  prepare?: (client: Client) => void;
  /** Each chunk of a stdio server's stderr. */
  onStderr?: (chunk: string) => void;
  /** Each stdout line of a stdio server that is not an MCP message. */
  onStray?: (stray: StrayOutput) => void;
  /** Largest message accepted from the server, in bytes (default 64 MiB). */
  maxMessageBytes?: number;
  /** Aborting it stops the handshake at once (the server is stopped). */
  signal?: AbortSignal;
  /** Every JSON-RPC message sent (`out`) or received (`in`), as it passes the transport. */
  onTraffic?: (direction: 'out' | 'in', message: JSONRPCMessage) => void;
  /** Handlers of the server's list_changed notifications (the SDK re-lists in either era). */
  listChanged?: ClientOptions['listChanged'];
  /**
   * With era `legacy`: when the server refuses the 2025 handshake as an unsupported protocol
   * version and names 2026-07-28 among its versions, connect again in the modern era (the
   * connection's `eraFallback` says so). For a default era, not for one the person chose.
   */
  fallbackToModern?: boolean;
}

/** Why a connection runs in another era than asked for. */
export interface EraFallback {
  /** The protocol version the server refused. */
  refused: string;
  /** The versions the server said it supports. */
  supported: readonly string[];
}

/** A connected client. */
export interface Connection {
  client: Client;
  /** The wire actually used (`http` may have fallen back to `sse`). */
  wire: 'stdio' | 'streamable-http' | 'sse';
  /** The server process, for stdio. */
  process?: ProcessTransport;
  /** For an HTTP target with an OAuth provider, after a request failed with UnauthorizedError. */
  finishAuth?: FinishAuth;
  /** Counts the bytes received from the server (to bound a list across its pages). */
  meter: ByteMeter;
  /** Set once the server sent a message over the bound; the connection is then closed. */
  tooLarge: () => MessageTooLargeError | undefined;
  /** Set when the 2025 handshake was refused and the connection fell back to 2026-07-28. */
  eraFallback?: EraFallback;
  close: () => Promise<void>;
}

/** The handshake was stopped by the caller's signal (Ctrl-C). */
export class ConnectAbortedError extends Error {
  constructor() {
    super('the connection was interrupted');
    this.name = 'ConnectAbortedError';
  }
}

/**
 * Runs `connect` unless `signal` is (or becomes) aborted; on abort, `stop` ends the
 * transport (so the handshake fails at once) and the result is a {@link ConnectAbortedError}.
 */
async function abortable<T>(
  signal: AbortSignal | undefined,
  stop: () => Promise<void>,
  connect: () => Promise<T>,
): Promise<T> {
  if (signal?.aborted) throw new ConnectAbortedError();
  const onAbort = () => void stop().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await connect();
  } catch (error) {
    if (signal?.aborted) throw new ConnectAbortedError();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

function newClient(options: OpenConnectionOptions, era: EraMode): Client {
  const client = new Client(options.clientInfo, {
    capabilities: options.capabilities,
    versionNegotiation: { mode: era === 'modern' ? { pin: MODERN_PROTOCOL_VERSION } : era },
    // Lists are read to the end: the SDK's default stops at 64 pages. The bound stays as a
    // guard against a server whose cursors never end.
    listMaxPages: LIST_MAX_PAGES,
    ...(options.listChanged ? { listChanged: options.listChanged } : {}),
  });
  options.prepare?.(client);
  return client;
}

/**
 * The transport as the client sees it: with `onTraffic`, each message is reported on its
 * way out and on its way in; the transport itself is unchanged.
 */
function tapped(transport: Transport, options: OpenConnectionOptions): Transport {
  const onTraffic = options.onTraffic;
  if (!onTraffic) return transport;
  return new Proxy(transport, {
    get(target, property) {
      if (property === 'send') {
        return (message: JSONRPCMessage, sendOptions?: unknown) => {
          onTraffic('out', message);
          return target.send(message, sendOptions as never);
        };
      }
      const value: unknown = Reflect.get(target, property);
      // Methods run on the transport itself (its private fields are not on the proxy).
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
    set(target, property, value: unknown) {
      if (property === 'onmessage' && typeof value === 'function') {
        const deliver = value as (message: JSONRPCMessage, ...rest: unknown[]) => void;
        return Reflect.set(target, property, (message: JSONRPCMessage, ...rest: unknown[]) => {
          onTraffic('in', message);
          deliver(message, ...rest);
        });
      }
      return Reflect.set(target, property, value);
    },
  });
}

/**
 * Connect the official SDK client to a server. stdio servers run in their own process
 * group and are closed promptly; `http` tries Streamable HTTP and falls back to legacy
 * SSE when the endpoint does not speak it; `auto` falls back to the 2025 handshake when a
 * stdio server exits on the `server/discover` probe; with `fallbackToModern`, a refused
 * 2025 handshake is retried in the 2026-07-28 era. Failures become a {@link ConnectError}.
 */
export async function openConnection(
  target: ServerTarget,
  options: OpenConnectionOptions,
): Promise<Connection> {
  try {
    return await connectIn(target, options, options.era);
  } catch (error) {
    if (
      options.fallbackToModern &&
      options.era === 'legacy' &&
      error instanceof ConnectError &&
      error.kind === 'unsupported-version' &&
      error.supportedVersions.includes(MODERN_PROTOCOL_VERSION) &&
      !options.signal?.aborted
    ) {
      const connection = await connectIn(target, options, 'modern');
      connection.eraFallback = {
        refused: error.refusedVersion ?? 'the 2025 handshake',
        supported: error.supportedVersions,
      };
      return connection;
    }
    throw error;
  }
}

async function connectIn(
  target: ServerTarget,
  options: OpenConnectionOptions,
  era: EraMode,
): Promise<Connection> {
  if (target.transport === 'stdio') {
    try {
      return await connectStdio(target, options, era);
    } catch (error) {
      if (era === 'auto' && error instanceof ConnectError && error.kind === 'exited') {
        return connectStdio(target, options, 'legacy');
      }
      throw error;
    }
  }
  if (target.transport === 'sse') return connectHttp(target, options, 'sse', era);
  try {
    return await connectHttp(target, options, 'streamable-http', era);
  } catch (error) {
    // A server that answers POST with 404/405 (or HTML) predates Streamable HTTP.
    if (error instanceof ConnectError && error.kind === 'http') {
      try {
        return await connectHttp(target, options, 'sse', era);
      } catch {
        throw error;
      }
    }
    throw error;
  }
}

async function connectStdio(
  target: StdioTarget,
  options: OpenConnectionOptions,
  era: EraMode,
): Promise<Connection> {
  // Loaded here so that HTTP connections do not pay for the process machinery.
  const { ProcessTransport } = await import('./process-transport.js');
  const meter = new ByteMeter();
  const transport = new ProcessTransport({
    command: target.command,
    args: target.args,
    env: target.env,
    cwd: target.cwd,
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    meter,
  });
  transport.onstderr = options.onStderr;
  transport.onstray = options.onStray;
  const client = newClient(options, era);
  try {
    await abortable(
      options.signal,
      () => transport.close(),
      () => client.connect(tapped(transport, options), { timeout: options.timeoutMs }),
    );
  } catch (error) {
    // Classify first: closing makes any server exit, which would read as a crash.
    const failure =
      error instanceof ConnectAbortedError
        ? error
        : await classifyStdioFailure(error, target, transport, options.timeoutMs);
    await transport.close();
    throw failure;
  }
  return {
    client,
    wire: 'stdio',
    process: transport,
    meter,
    tooLarge: () => transport.tooLarge,
    // The client closes the transport; closing it again waits for the group to be gone.
    close: async () => {
      await client.close().catch(() => undefined);
      await transport.close();
    },
  };
}

async function connectHttp(
  target: HttpTarget,
  options: OpenConnectionOptions,
  wire: 'streamable-http' | 'sse',
  era: EraMode,
): Promise<Connection> {
  const url = new URL(target.url);
  const meter = new ByteMeter();
  let tooLarge: MessageTooLargeError | undefined;
  let client: Client | undefined = undefined;
  const init = {
    requestInit: { headers: target.headers },
    authProvider: target.authProvider,
    fetch: createBoundedFetch({
      maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
      meter,
      onTooLarge: (error) => {
        tooLarge ??= error;
        // Pending requests fail now instead of waiting for their timeout.
        setImmediate(() => void client?.close().catch(() => undefined));
      },
    }),
  };
  const transport =
    wire === 'sse'
      ? new SSEClientTransport(url, init)
      : new StreamableHTTPClientTransport(url, init);
  const finishAuth: FinishAuth | undefined = target.authProvider
    ? (callback) => transport.finishAuth(callback)
    : undefined;
  const connected = newClient(options, era);
  client = connected;
  try {
    await abortable(
      options.signal,
      () => connected.close(),
      () => connected.connect(tapped(transport, options), { timeout: options.timeoutMs }),
    );
  } catch (error) {
    await connected.close().catch(() => undefined);
    if (error instanceof ConnectAbortedError) throw error;
    throw classifyHttpFailure(error, target, options.timeoutMs, finishAuth, tooLarge);
  }
  return {
    client: connected,
    wire,
    finishAuth,
    meter,
    tooLarge: () => tooLarge,
    close: () => connected.close(),
  };
}
