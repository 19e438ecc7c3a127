import { Client, InMemoryTransport, type CallToolResult } from '@modelcontextprotocol/client';
import { inputRequired, inputResponse, McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PolicyOptions } from './options.js';
import { policyCapabilities, registerPolicies, type ServerRequestEvent } from './policies.js';

const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });

/** A server whose tools ask the client a question, for a model reply, and for its roots. */
function askingServer(
  schema: Record<string, unknown> = {
    type: 'object',
    properties: { city: { type: 'string', default: 'Oslo' }, days: { type: 'integer' } },
    required: ['city'],
  },
): McpServer {
  const server = new McpServer({ name: 'asking', version: '1.0.0' });
  server.registerTool('ask', { inputSchema: z.object({}) }, (_args, ctx) => {
    const response = inputResponse(ctx.mcpReq.inputResponses, 'answer');
    if (response.kind === 'missing')
      return inputRequired({
        inputRequests: {
          answer: inputRequired.elicit({
            message: 'Where?',
            requestedSchema: schema as never,
          }),
        },
      });
    if (response.kind !== 'elicit') return text('unexpected');
    return text(JSON.stringify({ action: response.action, content: response.content ?? null }));
  });
  server.registerTool('sample', { inputSchema: z.object({}) }, (_args, ctx) => {
    const response = inputResponse(ctx.mcpReq.inputResponses, 'reply');
    if (response.kind === 'missing')
      return inputRequired({
        inputRequests: {
          reply: inputRequired.createMessage({
            messages: [{ role: 'user', content: { type: 'text', text: 'Weather?' } }],
            maxTokens: 50,
          }),
        },
      });
    if (response.kind !== 'sampling') return text('unexpected');
    const content = response.result.content;
    const blocks = Array.isArray(content) ? content : [content];
    return text(blocks.map((b) => (b.type === 'text' ? b.text : '?')).join(''));
  });
  server.registerTool('roots', { inputSchema: z.object({}) }, (_args, ctx) => {
    const response = inputResponse(ctx.mcpReq.inputResponses, 'roots');
    if (response.kind === 'missing')
      return inputRequired({ inputRequests: { roots: inputRequired.listRoots() } });
    if (response.kind !== 'roots') return text('unexpected');
    return text(JSON.stringify(response.roots));
  });
  return server;
}

const open: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0)) await item.close();
});

/** A client with these policies, connected in memory to `server` in the given era. */
async function connect(
  policies: PolicyOptions,
  era: 'legacy' | 'modern',
  factory = () => askingServer(),
): Promise<{ call: (name: string) => Promise<string>; events: ServerRequestEvent[] }> {
  const events: ServerRequestEvent[] = [];
  const client = new Client(
    { name: 'policies-test', version: '0.0.0' },
    {
      capabilities: policyCapabilities(policies),
      versionNegotiation: { mode: era === 'modern' ? { pin: '2026-07-28' } : 'legacy' },
    },
  );
  registerPolicies(client, policies, (event) => events.push(event));
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  // The SDK's serving entry picks the era from the client's opening, as a real server does.
  const served = serveStdio(factory, { transport: serverSide });
  await client.connect(clientSide);
  open.push(client, served);
  const call = async (name: string) => {
    const result = (await client.callTool({ name, arguments: {} })) as CallToolResult;
    const block = result.content[0];
    return block?.type === 'text' ? block.text : '';
  };
  return { call, events };
}

const DECLINE: PolicyOptions = {
  elicit: { kind: 'decline' },
  sample: { kind: 'decline' },
  roots: [],
};

describe('policyCapabilities', () => {
  it('declares roots, form elicitation and sampling; applyDefaults only with accept-defaults', () => {
    expect(policyCapabilities(DECLINE)).toEqual({
      roots: { listChanged: false },
      elicitation: { form: {} },
      sampling: {},
    });
    expect(
      policyCapabilities({ ...DECLINE, elicit: { kind: 'accept-defaults' } }).elicitation,
    ).toEqual({ form: { applyDefaults: true } });
  });
});

describe.each(['legacy', 'modern'] as const)('registerPolicies, %s era', (era) => {
  it('declines elicitation and sampling by default, and offers no roots', async () => {
    const { call, events } = await connect(DECLINE, era);
    expect(JSON.parse(await call('ask'))).toEqual({ action: 'decline', content: null });
    expect(await call('roots')).toBe('[]');
    const sampled = await call('sample').then(
      (reply) => `reply: ${reply}`,
      (error: Error) => `error: ${error.message}`,
    );
    // The refusal reaches the server either way (an error result, or the request failing).
    expect(sampled).toContain('The user declined the sampling request');
    expect(events).toEqual([
      { method: 'elicitation/create', outcome: 'declined "Where?"' },
      { method: 'roots/list', outcome: 'answered 0 roots' },
      { method: 'sampling/createMessage', outcome: 'declined' },
    ]);
  });

  it('accept-defaults answers with the schema defaults when they cover the required fields', async () => {
    const { call, events } = await connect(
      { ...DECLINE, elicit: { kind: 'accept-defaults' } },
      era,
    );
    expect(JSON.parse(await call('ask'))).toEqual({ action: 'accept', content: { city: 'Oslo' } });
    expect(events).toEqual([
      { method: 'elicitation/create', outcome: 'accepted "Where?" with the defaults' },
    ]);
  });

  it('accept-defaults declines when a required field has no default, and says which', async () => {
    const { call, events } = await connect(
      { ...DECLINE, elicit: { kind: 'accept-defaults' } },
      era,
      () =>
        askingServer({
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        }),
    );
    expect(JSON.parse(await call('ask')).action).toBe('decline');
    expect(events[0]?.outcome).toMatch(/no default for city \(use --elicit json:FILE\)/);
  });

  it('json:FILE answers with the file content; roots are file URLs named by their folder', async () => {
    const { call, events } = await connect(
      {
        elicit: { kind: 'json', content: { city: 'Bergen', days: 2 }, file: '/a/answers.json' },
        sample: { kind: 'reply', text: 'Sunny.' },
        roots: ['/home/z/proj', '/tmp/with space'],
      },
      era,
    );
    expect(JSON.parse(await call('ask'))).toEqual({
      action: 'accept',
      content: { city: 'Bergen', days: 2 },
    });
    expect(await call('sample')).toBe('Sunny.');
    expect(JSON.parse(await call('roots'))).toEqual([
      { uri: 'file:///home/z/proj', name: 'proj' },
      { uri: 'file:///tmp/with%20space', name: 'with space' },
    ]);
    expect(events.map((e) => e.outcome)).toEqual([
      'accepted "Where?" with /a/answers.json',
      'answered with the --sample reply',
      'answered 2 roots',
    ]);
  });
});
