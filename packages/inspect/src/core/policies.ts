import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProtocolError, type Client, type ClientCapabilities } from '@modelcontextprotocol/client';
import { usageError } from './errors.js';

/** How to answer a server's elicitation (a question for the user). */
export type ElicitPolicy =
  | { kind: 'decline' }
  | { kind: 'accept-defaults' }
  | { kind: 'json'; content: Record<string, unknown>; file: string };

/** How to answer a server's sampling request (a question for the model). */
export type SamplePolicy = { kind: 'decline' } | { kind: 'reply'; text: string };

/** What the server asked of the client, and what it got, for reporting. */
export interface ServerRequestEvent {
  method: 'elicitation/create' | 'sampling/createMessage' | 'roots/list';
  outcome: string;
}

/** The answering policies of a session. */
export interface Policies {
  elicit: ElicitPolicy;
  sample: SamplePolicy;
  /** Absolute directories offered as roots (none: an empty list). */
  roots: string[];
}

/** Parse `--elicit decline|accept-defaults|json:FILE`. */
export function parseElicitPolicy(text: string, cwd: string): ElicitPolicy {
  if (text === 'decline' || text === 'accept-defaults') return { kind: text };
  if (text.startsWith('json:')) {
    const file = resolve(cwd, text.slice(5));
    let content: unknown;
    try {
      content = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw usageError(
        `--elicit ${text}: cannot read a JSON object from ${file}: ${(error as Error).message}.`,
      );
    }
    if (!content || typeof content !== 'object' || Array.isArray(content)) {
      throw usageError(
        `--elicit ${text}: ${file} must hold a JSON object (the answers by field name).`,
      );
    }
    return { kind: 'json', content: content as Record<string, unknown>, file };
  }
  throw usageError(
    `Unknown --elicit policy "${text}".`,
    'Use decline, accept-defaults or json:FILE.',
  );
}

/** Parse `--sample reply:TEXT|decline`. */
export function parseSamplePolicy(text: string): SamplePolicy {
  if (text === 'decline') return { kind: 'decline' };
  if (text.startsWith('reply:')) return { kind: 'reply', text: text.slice(6) };
  throw usageError(
    `Unknown --sample policy "${text}".`,
    "Use decline or reply:TEXT (e.g. --sample 'reply:It is sunny').",
  );
}

/**
 * The capabilities a client with these policies declares: it answers all three kinds,
 * and with accept-defaults it says that it fills in schema defaults (SEP-1034).
 */
export function policyCapabilities(policies: Policies): ClientCapabilities {
  const form: { applyDefaults?: boolean } =
    policies.elicit.kind === 'accept-defaults' ? { applyDefaults: true } : {};
  return { roots: { listChanged: false }, elicitation: { form }, sampling: {} };
}

interface SchemaProperty {
  default?: unknown;
}

/**
 * Answer elicitation, sampling and roots requests by policy, so that a script never
 * waits for a person. Each request is reported through `onEvent`.
 */
export function registerPolicies(
  client: Client,
  policies: Policies,
  onEvent: (event: ServerRequestEvent) => void,
): void {
  client.setRequestHandler('roots/list', () => {
    const roots = policies.roots.map((dir) => ({
      uri: pathToFileURL(dir).href,
      name: basename(dir),
    }));
    onEvent({
      method: 'roots/list',
      outcome: `answered ${roots.length} root${roots.length === 1 ? '' : 's'}`,
    });
    return { roots };
  });

  client.setRequestHandler('elicitation/create', (request) => {
    const params = request.params as {
      message?: string;
      mode?: string;
      requestedSchema?: { properties?: Record<string, SchemaProperty>; required?: string[] };
    };
    const policy = policies.elicit;
    const question = params.message ?? '';
    if (params.mode === 'url' || policy.kind === 'decline') {
      onEvent({ method: 'elicitation/create', outcome: `declined "${question}"` });
      return { action: 'decline' as const };
    }
    if (policy.kind === 'json') {
      onEvent({
        method: 'elicitation/create',
        outcome: `accepted "${question}" with ${policy.file}`,
      });
      return {
        action: 'accept' as const,
        content: policy.content as Record<string, string | number | boolean | string[]>,
      };
    }
    const properties = params.requestedSchema?.properties ?? {};
    const content: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(properties))
      if (property.default !== undefined) content[key] = property.default;
    const missing = (params.requestedSchema?.required ?? []).filter((key) => !(key in content));
    if (missing.length > 0) {
      onEvent({
        method: 'elicitation/create',
        outcome: `declined "${question}": no default for ${missing.join(', ')} (use --elicit json:FILE)`,
      });
      return { action: 'decline' as const };
    }
    onEvent({ method: 'elicitation/create', outcome: `accepted "${question}" with the defaults` });
    return {
      action: 'accept' as const,
      content: content as Record<string, string | number | boolean | string[]>,
    };
  });

  client.setRequestHandler('sampling/createMessage', () => {
    const policy = policies.sample;
    if (policy.kind === 'decline') {
      onEvent({ method: 'sampling/createMessage', outcome: 'declined' });
      throw new ProtocolError(
        -1,
        'The user declined the sampling request (mcp-inspect --sample decline).',
      );
    }
    onEvent({ method: 'sampling/createMessage', outcome: 'answered with the --sample reply' });
    return {
      role: 'assistant' as const,
      content: { type: 'text' as const, text: policy.text },
      model: 'mcp-inspect',
      stopReason: 'endTurn',
    };
  });
}
