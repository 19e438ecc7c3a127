import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProtocolError, type Client, type ClientCapabilities } from '@modelcontextprotocol/client';
import type { PolicyOptions } from './options.js';

/** What the server asked of the client, and what it got, for reporting. */
export interface ServerRequestEvent {
  method: 'elicitation/create' | 'sampling/createMessage' | 'roots/list';
  outcome: string;
}

/**
 * The capabilities a client with these policies declares: it answers all three kinds,
 * and with accept-defaults it says that it fills in schema defaults (SEP-1034).
 */
export function policyCapabilities(policies: PolicyOptions): ClientCapabilities {
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
  policies: PolicyOptions,
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
