// What a live session shows: its state, as the UI reads it (see live-session.ts).
import type {
  Prompt,
  Resource,
  ResourceTemplateType as ResourceTemplate,
  Tool,
} from '@modelcontextprotocol/client';
import type { ProcessExit } from '@mcpkit/shared/process-transport';
import type { InspectSession } from '../session.js';
import type { Operation } from './operations.js';
import type { PendingRequest } from './server-requests.js';

/** Where the connection is. */
export type ConnectionStatus =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'failed'; message: string; hint?: string }
  | { kind: 'exited'; code: number | null; signal: string | null; message: string }
  | { kind: 'closed' };

/** What the handshake told about the server. */
export interface ServerSummary {
  name: string;
  version: string;
  title?: string;
  /** The protocol era the connection runs in. */
  era: 'legacy' | 'modern';
  protocolVersion?: string;
  wire: 'stdio' | 'streamable-http' | 'sse';
  instructions?: string;
  /** Set when the 2025 handshake was refused and the session fell back to 2026-07-28. */
  eraFallback: boolean;
}

/** One of the four lists. */
export interface ListState<T> {
  items: readonly T[];
  status: 'loading' | 'ready' | 'error' | 'unsupported';
  error?: string;
}

/** The four lists by kind. */
export interface Lists {
  tools: ListState<Tool>;
  resources: ListState<Resource>;
  templates: ListState<ResourceTemplate>;
  prompts: ListState<Prompt>;
}

/** The call in flight. */
export interface RunningCall {
  operation: Operation;
  startedAt: number;
  progress?: { progress: number; total?: number; message?: string };
  cancelling: boolean;
}

/** Everything the UI shows about a live session; a new object on every change. */
export interface LiveState {
  status: ConnectionStatus;
  server?: ServerSummary;
  lists: Lists;
  call?: RunningCall;
  requests: readonly PendingRequest[];
  roots: readonly string[];
  /** How many times the server was started (1 after the first connect). */
  starts: number;
  /** The last thing worth telling (a restart, a refreshed list), shown briefly. */
  notice?: string;
}

/** What the handshake of `session` told about the server. */
export function serverSummary(session: InspectSession): ServerSummary {
  const client = session.client;
  const info = client.getServerVersion();
  return {
    name: info?.name ?? '(unnamed)',
    version: info?.version ?? '',
    title: info?.title,
    era: client.getProtocolEra() === 'modern' ? 'modern' : 'legacy',
    protocolVersion: client.getNegotiatedProtocolVersion(),
    wire: session.connection.wire,
    instructions: client.getInstructions(),
    eraFallback: session.connection.eraFallback !== undefined,
  };
}

/** The status of a server that went away: its exit code or signal when it was a process. */
export function exitStatus(exit: ProcessExit | undefined): ConnectionStatus {
  if (!exit)
    return {
      kind: 'exited',
      code: null,
      signal: null,
      message: 'the server closed the connection',
    };
  return {
    kind: 'exited',
    code: exit.code,
    signal: exit.signal,
    message: exit.signal
      ? `the server was killed by ${exit.signal}`
      : `the server exited with code ${exit.code}`,
  };
}
