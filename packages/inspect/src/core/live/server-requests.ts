import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ProtocolError,
  type Client,
  type ClientCapabilities,
  type CreateMessageResult,
  type ElicitResult,
  type SamplingMessage,
} from '@modelcontextprotocol/client';

/** A request from the server that waits for the person's answer. */
export type PendingRequest =
  | {
      id: number;
      kind: 'elicitation';
      /** What the server asks (untrusted text). */
      message: string;
      /** The form to fill: a flat object schema of primitives (`requestedSchema`). */
      schema: object;
    }
  | {
      id: number;
      kind: 'elicitation-url';
      message: string;
      /** The page the server wants the person to open. */
      url: string;
    }
  | {
      id: number;
      kind: 'sampling';
      messages: readonly SamplingMessage[];
      systemPrompt?: string;
      maxTokens?: number;
      /** The models the server prefers, by name hint. */
      modelHints: readonly string[];
    };

/** A pending request before it has its id. */
type NewRequest = PendingRequest extends infer R
  ? R extends PendingRequest
    ? Omit<R, 'id'>
    : never
  : never;

/** How the person answered a pending request. */
export type RequestAnswer =
  | { action: 'accept'; content?: Record<string, unknown> }
  | { action: 'reply'; text: string }
  | { action: 'decline' }
  | { action: 'cancel' };

/** The capabilities of a client whose person answers elicitation, sampling and roots. */
export const INTERACTIVE_CAPABILITIES: ClientCapabilities = {
  roots: { listChanged: true },
  elicitation: { form: {}, url: {} },
  sampling: {},
};

/**
 * The server's requests that a person answers: each waits in a queue until `answer` is
 * called, the server cancels it, or the connection ends. Roots are answered at once from
 * the current list. Nothing here blocks: a request only waits, the session goes on.
 */
export class ServerRequestQueue {
  private pending: { request: PendingRequest; settle: (answer: RequestAnswer) => void }[] = [];
  private nextId = 1;
  private roots: readonly string[];
  private readonly onChange: () => void;
  /** Called for every request, with how it ended (for the log pane). */
  private readonly onOutcome: (method: string, outcome: string) => void;

  constructor(options: {
    roots: readonly string[];
    onChange: () => void;
    onOutcome: (method: string, outcome: string) => void;
  }) {
    this.roots = options.roots;
    this.onChange = options.onChange;
    this.onOutcome = options.onOutcome;
  }

  /** Requests waiting for an answer, oldest first. */
  requests(): readonly PendingRequest[] {
    return this.pending.map((entry) => entry.request);
  }

  /** The directories offered as roots. */
  currentRoots(): readonly string[] {
    return this.roots;
  }

  /** Replace the roots offered to the server. */
  setRoots(roots: readonly string[]): void {
    this.roots = [...roots];
    this.onChange();
  }

  /** Answer the pending request `id` (unknown ids are ignored: it may have been cancelled). */
  answer(id: number, answer: RequestAnswer): void {
    const index = this.pending.findIndex((entry) => entry.request.id === id);
    if (index < 0) return;
    const [entry] = this.pending.splice(index, 1);
    this.onChange();
    entry!.settle(answer);
  }

  /** Cancel every pending request (the connection ended). */
  cancelAll(): void {
    const pending = this.pending;
    this.pending = [];
    if (pending.length > 0) this.onChange();
    for (const entry of pending) entry.settle({ action: 'cancel' });
  }

  /** Register the handlers on a client before it connects. */
  register(client: Client): void {
    client.setRequestHandler('roots/list', () => {
      const roots = this.roots.map((dir) => ({
        uri: pathToFileURL(dir).href,
        name: basename(dir),
      }));
      this.onOutcome('roots/list', `answered ${roots.length} root${roots.length === 1 ? '' : 's'}`);
      return { roots };
    });

    client.setRequestHandler(
      'elicitation/create',
      async (request, context): Promise<ElicitResult> => {
        const params = request.params as {
          message?: string;
          mode?: string;
          url?: string;
          requestedSchema?: object;
        };
        const message = params.message ?? '';
        const answer = await this.wait(
          params.mode === 'url'
            ? { kind: 'elicitation-url', message, url: params.url ?? '' }
            : {
                kind: 'elicitation',
                message,
                schema: params.requestedSchema ?? { type: 'object', properties: {} },
              },
          context.mcpReq.signal,
        );
        this.onOutcome(
          'elicitation/create',
          answer.action === 'accept' ? 'accepted' : `${answer.action}d`,
        );
        if (answer.action === 'accept')
          return {
            action: 'accept',
            ...(answer.content
              ? { content: answer.content as Record<string, string | number | boolean | string[]> }
              : {}),
          };
        return { action: answer.action === 'decline' ? 'decline' : 'cancel' };
      },
    );

    client.setRequestHandler(
      'sampling/createMessage',
      async (request, context): Promise<CreateMessageResult> => {
        const params = request.params;
        const answer = await this.wait(
          {
            kind: 'sampling',
            messages: params.messages,
            systemPrompt: params.systemPrompt,
            maxTokens: params.maxTokens,
            modelHints: (params.modelPreferences?.hints ?? [])
              .map((hint) => hint.name)
              .filter((name): name is string => typeof name === 'string'),
          },
          context.mcpReq.signal,
        );
        if (answer.action !== 'reply') {
          this.onOutcome('sampling/createMessage', 'declined');
          throw new ProtocolError(-1, 'The user declined the sampling request.');
        }
        this.onOutcome('sampling/createMessage', 'answered');
        return {
          role: 'assistant',
          content: { type: 'text', text: answer.text },
          model: 'mcp-inspect (typed by the user)',
          stopReason: 'endTurn',
        };
      },
    );
  }

  /** Queue a request until it is answered or the server gives up on it. */
  private wait(request: NewRequest, signal: AbortSignal | undefined): Promise<RequestAnswer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const onAbort = () => this.answer(id, { action: 'cancel' });
      const settle = (answer: RequestAnswer) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(answer);
      };
      this.pending.push({ request: { ...request, id } as PendingRequest, settle });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.onChange();
    });
  }
}
