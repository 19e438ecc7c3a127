import {
  ConnectError,
  openConnection,
  type Connection,
  type EraMode,
  type ServerTarget,
} from '@mcpkit/shared/connection';
import type { StrayOutput } from '@mcpkit/shared/process-transport';
import { SdkError, SdkErrorCode, type Client } from '@modelcontextprotocol/client';
import { EXIT, InspectError } from './errors.js';
import {
  policyCapabilities,
  registerPolicies,
  type Policies,
  type ServerRequestEvent,
} from './policies.js';

/** Everything a session needs to start. */
export interface SessionOptions {
  target: ServerTarget;
  era: EraMode;
  /** Bound on the handshake and on every request, in milliseconds. */
  timeoutMs: number;
  policies: Policies;
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
}

/** A connected inspector session: the SDK client plus what it learned about the server. */
export class InspectSession {
  readonly client: Client;
  readonly connection: Connection;
  readonly timeoutMs: number;

  private constructor(connection: Connection, timeoutMs: number) {
    this.connection = connection;
    this.client = connection.client;
    this.timeoutMs = timeoutMs;
  }

  /** Connect; failures become an {@link InspectError} with exit code 3 or 4. */
  static async open(options: SessionOptions): Promise<InspectSession> {
    try {
      const connection = await openConnection(options.target, {
        era: options.era,
        timeoutMs: options.timeoutMs,
        clientInfo: { name: 'mcp-inspect', version: options.version },
        capabilities: policyCapabilities(options.policies),
        onStderr: options.onStderr,
        onStray: options.onStray,
        prepare: (client) => {
          registerPolicies(client, options.policies, (event) => options.onServerRequest?.(event));
          client.setNotificationHandler('notifications/message', (notification) => {
            const { level, data, logger } = notification.params;
            const text = typeof data === 'string' ? data : JSON.stringify(data);
            options.onLog?.(level, logger ? `${logger}: ${text}` : text);
          });
        },
      });
      return new InspectSession(connection, options.timeoutMs);
    } catch (error) {
      if (error instanceof ConnectError) {
        const code = error.kind === 'timeout' ? EXIT.timeout : EXIT.connection;
        const oauthHint =
          error.kind === 'unauthorized' &&
          options.target.transport !== 'stdio' &&
          !options.target.authProvider
            ? 'If the server supports OAuth, sign in with --oauth.'
            : undefined;
        const hint = [error.hint, oauthHint].filter(Boolean).join('\n') || undefined;
        throw new InspectError(code, `Could not connect: ${error.message}.`, hint, {
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
