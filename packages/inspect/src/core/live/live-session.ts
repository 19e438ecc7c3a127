import type { ServerTarget } from '@mcpkit/shared/connection';
import { InspectError } from '../errors.js';
import { fetchList, type ListKind } from '../lists.js';
import type { ConnectionOptions } from '../options.js';
import { InspectSession } from '../session.js';
import type { HistoryStore } from './history-store.js';
import { NotificationLog } from './notification-log.js';
import { StderrLog } from './stderr-log.js';
import { TrafficLog } from './traffic-log.js';
import {
  historyEntryOf,
  runOperation,
  type Operation,
  type OperationOutcome,
} from './operations.js';
import { exitStatus, serverSummary, type LiveState, type Lists } from './live-state.js';
import {
  INTERACTIVE_CAPABILITIES,
  ServerRequestQueue,
  type RequestAnswer,
} from './server-requests.js';

export type {
  ConnectionStatus,
  ListState,
  Lists,
  LiveState,
  RunningCall,
  ServerSummary,
} from './live-state.js';

/** What a live session starts from. */
export interface LiveSessionOptions {
  target: ServerTarget;
  connection: Pick<
    ConnectionOptions,
    'era' | 'eraIsDefault' | 'timeoutMs' | 'maxTimeMs' | 'maxMessageBytes'
  >;
  /** mcp-inspect's version, sent as clientInfo. */
  version: string;
  /** Directories offered as roots at first. */
  roots: readonly string[];
  /** Where calls are remembered (none: not persisted). */
  history?: HistoryStore;
  /** The clock (injected in tests). */
  now?: () => number;
}

const EMPTY_LIST = { items: [], status: 'loading' } as const;

/**
 * One server, live: connects, keeps the four lists fresh (list_changed), runs one call at a
 * time with progress and cancel, queues the server's requests for the person, records
 * stderr, log notifications and the raw traffic, notices a crash, and reconnects on demand.
 * The UI reads {@link getState} and re-renders on {@link subscribe}; nothing here waits for it.
 */
export class LiveSession {
  readonly traffic = new TrafficLog();
  readonly stderr = new StderrLog();
  readonly logs = new NotificationLog();
  readonly history: HistoryStore | undefined;
  private readonly options: LiveSessionOptions;
  private readonly requestQueue: ServerRequestQueue;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private state: LiveState;
  private session: InspectSession | undefined;
  /** Bumps on every (re)connect: events of an older connection are ignored. */
  private generation = 0;
  private callAbort: AbortController | undefined;
  private closed = false;

  constructor(options: LiveSessionOptions) {
    this.options = options;
    this.history = options.history;
    this.now = options.now ?? Date.now;
    this.requestQueue = new ServerRequestQueue({
      roots: options.roots,
      onChange: () =>
        this.update({
          requests: this.requestQueue.requests(),
          roots: this.requestQueue.currentRoots(),
        }),
      onOutcome: (method, outcome) =>
        this.logs.push({ level: 'info', logger: 'mcp-inspect', text: `${method}: ${outcome}` }),
    });
    this.state = {
      status: { kind: 'connecting' },
      lists: {
        tools: EMPTY_LIST,
        resources: EMPTY_LIST,
        templates: EMPTY_LIST,
        prompts: EMPTY_LIST,
      },
      requests: [],
      roots: options.roots,
      starts: 0,
    };
  }

  /** The current state (the same object until something changes). */
  getState = (): LiveState => this.state;

  /** Hear every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The connected session, if any (for completions and the like). */
  get current(): InspectSession | undefined {
    return this.session;
  }

  /** Connect (again): the previous connection, if any, is closed first. */
  async connect(notice?: string): Promise<void> {
    const generation = ++this.generation;
    this.callAbort?.abort('reconnect');
    this.requestQueue.cancelAll();
    const previous = this.session;
    this.session = undefined;
    this.update({
      status: { kind: 'connecting' },
      call: undefined,
      notice,
      lists: {
        tools: EMPTY_LIST,
        resources: EMPTY_LIST,
        templates: EMPTY_LIST,
        prompts: EMPTY_LIST,
      },
    });
    await previous?.close().catch(() => undefined);
    if (generation !== this.generation || this.closed) return;
    const { connection } = this.options;
    let session: InspectSession;
    try {
      session = await InspectSession.open({
        target: this.options.target,
        era: connection.era,
        fallbackToModern: connection.eraIsDefault,
        timeoutMs: connection.timeoutMs,
        maxTimeMs: connection.maxTimeMs,
        maxMessageBytes: connection.maxMessageBytes,
        policies: { elicit: { kind: 'decline' }, sample: { kind: 'decline' }, roots: [] },
        version: this.options.version,
        serverRequests: {
          capabilities: INTERACTIVE_CAPABILITIES,
          register: (client) => this.requestQueue.register(client),
        },
        onStderr: (chunk) => this.stderr.append(chunk),
        onStray: (stray) => this.traffic.recordStray(stray.line, stray.reason),
        onTraffic: (direction, message) => this.traffic.recordMessage(direction, message),
        onLog: (level, text) => this.logs.push({ level, text }),
        listChanged: {
          tools: { onChanged: () => void this.refresh('tools', generation) },
          prompts: { onChanged: () => void this.refresh('prompts', generation) },
          resources: {
            onChanged: () => {
              void this.refresh('resources', generation);
              void this.refresh('templates', generation);
            },
          },
        },
      });
    } catch (error) {
      if (generation !== this.generation) return;
      const failure = error instanceof InspectError ? error : new InspectError(3, String(error));
      this.update({
        status: { kind: 'failed', message: failure.message, hint: failure.hint },
        starts: this.state.starts + 1,
      });
      return;
    }
    if (generation !== this.generation || this.closed) {
      await session.close().catch(() => undefined);
      return;
    }
    this.session = session;
    this.watchForExit(session, generation);
    this.update({
      status: { kind: 'connected' },
      starts: this.state.starts + 1,
      server: serverSummary(session),
    });
    await Promise.all(
      (['tools', 'resources', 'templates', 'prompts'] as const).map((kind) =>
        this.refresh(kind, generation),
      ),
    );
  }

  /** Read one list again (all its pages). */
  async refresh(kind: ListKind, generation = this.generation): Promise<void> {
    const session = this.session;
    if (!session || generation !== this.generation) return;
    const capability = kind === 'templates' ? 'resources' : kind;
    if (!session.has(capability)) {
      this.setList(kind, { items: [], status: 'unsupported' });
      return;
    }
    try {
      const items = await fetchList(session, kind);
      if (generation === this.generation)
        this.setList(kind, { items, status: 'ready' } as Lists[typeof kind]);
    } catch (error) {
      if (generation !== this.generation) return;
      const message = error instanceof Error ? error.message : String(error);
      this.setList(kind, { items: this.state.lists[kind].items, status: 'error', error: message });
    }
  }

  /**
   * Run a tool call, a resource read or a prompt get; one at a time. Progress shows in
   * {@link LiveState.call}; {@link cancel} stops it. The outcome is remembered in the history.
   */
  async run(operation: Operation): Promise<OperationOutcome> {
    const session = this.session;
    const started = this.now();
    if (!session || this.state.call) {
      return {
        ok: false,
        operation,
        cancelled: false,
        durationMs: 0,
        message: this.state.call ? 'A call is already running.' : 'Not connected.',
        hint: this.state.call ? 'Wait for it, or press Esc to cancel it.' : 'Press r to reconnect.',
      };
    }
    const abort = new AbortController();
    this.callAbort = abort;
    this.update({ call: { operation, startedAt: started, cancelling: false } });
    const outcome = await runOperation(session, operation, {
      signal: abort.signal,
      tool:
        operation.kind === 'tool'
          ? this.state.lists.tools.items.find((t) => t.name === operation.name)
          : undefined,
      now: this.now,
      onProgress: (progress) => {
        if (this.callAbort === abort && this.state.call)
          this.update({ call: { ...this.state.call, progress } });
      },
    });
    if (this.callAbort === abort) {
      this.callAbort = undefined;
      this.update({ call: undefined });
    }
    await this.remember(outcome);
    return outcome;
  }

  /** Cancel the running call (the server gets notifications/cancelled). */
  cancel(): void {
    if (!this.callAbort || !this.state.call) return;
    this.update({ call: { ...this.state.call, cancelling: true } });
    this.callAbort.abort('cancelled');
  }

  /** Answer a request of the server's. */
  answer(id: number, answer: RequestAnswer): void {
    this.requestQueue.answer(id, answer);
  }

  /** Offer other roots; the server hears that they changed. */
  setRoots(roots: readonly string[]): void {
    this.requestQueue.setRoots(roots);
    const client = this.session?.client;
    if (client && this.state.status.kind === 'connected')
      void client.sendRootsListChanged().catch(() => undefined);
  }

  /** Completions for a prompt or template argument; none when the server offers none. */
  async complete(
    ref: { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string },
    name: string,
    value: string,
    context: Record<string, string>,
  ): Promise<string[]> {
    const session = this.session;
    if (!session?.has('completions')) return [];
    try {
      const result = await session.client.complete(
        { ref, argument: { name, value }, context: { arguments: context } },
        { timeout: session.timeoutMs },
      );
      return result.completion.values.slice(0, 100);
    } catch {
      return [];
    }
  }

  /** Stop everything: the call, the server, the pending requests. */
  async close(): Promise<void> {
    this.closed = true;
    this.generation++;
    this.callAbort?.abort('quit');
    this.requestQueue.cancelAll();
    const session = this.session;
    this.session = undefined;
    await session?.close().catch(() => undefined);
    this.update({ status: { kind: 'closed' } });
  }

  private async remember(outcome: OperationOutcome): Promise<void> {
    if (!this.history) return;
    await this.history.add(historyEntryOf(outcome)).catch(() => undefined);
  }

  /** A server that exits while connected: say how, keep everything else. */
  private watchForExit(session: InspectSession, generation: number): void {
    const client = session.client;
    const previous = client.onclose;
    client.onclose = () => {
      previous?.();
      if (generation !== this.generation || this.closed) return;
      this.session = undefined;
      this.requestQueue.cancelAll();
      this.callAbort?.abort('closed');
      // The process's exit status arrives with its 'close' event, right after the pipe's.
      setTimeout(() => {
        if (generation !== this.generation || this.closed) return;
        this.update({
          status: exitStatus(session.connection.process?.exit),
        });
      }, 50);
    };
  }

  private setList<K extends ListKind>(kind: K, list: Lists[K]): void {
    this.update({ lists: { ...this.state.lists, [kind]: list } });
  }

  private update(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
