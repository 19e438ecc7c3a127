import { ConnectError } from '@mcpkit/shared/connection';
import { describe, expect, it } from 'vitest';
import { remoteFailure } from './remote-failures.js';
import type { RemotePlan } from './types.js';

const plan: RemotePlan = {
  client: 'cursor',
  name: 'notes',
  transport: 'sse',
  url: 'https://notes.example/sse?token=abcdef123456',
  headers: {},
  timeoutMs: 60_000,
};
const context = { plan, clientName: 'Cursor', aborted: false };

/** A failure as classifyHttpFailure words it, over `cause`. */
const failure = (kind: 'http' | 'timeout' | 'unauthorized', cause: unknown) =>
  new ConnectError(kind, `cannot reach ${plan.url}: ${String(cause)}`, { cause });

describe('remoteFailure', () => {
  it('reads a DNS failure the SSE transport reports as text only, masking the URL token', () => {
    const error = failure(
      'http',
      new Error('SSE error: TypeError: fetch failed: getaddrinfo ENOTFOUND notes.example'),
    );
    const [found] = remoteFailure(error, context);
    expect(found).toMatchObject({
      code: 'http-unreachable',
      message:
        'cannot reach https://notes.example/sse?token=••••(12 chars): getaddrinfo ENOTFOUND notes.example',
      fix: 'check the host name in the URL (it does not resolve), or your network/VPN',
    });
  });

  it('reads a TLS failure under fetch failed', () => {
    const tls = Object.assign(new Error('self-signed certificate'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    const error = failure('http', new TypeError('fetch failed', { cause: tls }));
    const [found] = remoteFailure(error, context);
    expect(found?.code).toBe('http-unreachable');
    expect(found?.fix).toMatch(/^the TLS connection failed/);
  });

  it('a JSON-RPC error answer is handshake-failed (the server speaks MCP), other bodies not-mcp', () => {
    const refused = Object.assign(new Error('MCP error -32600: Invalid Request'), { code: -32600 });
    expect(remoteFailure(failure('http', refused), context)[0]?.code).toBe('handshake-failed');
    const zod = new Error('[\n  {\n    "code": "invalid_union"');
    const [notMcp] = remoteFailure(failure('http', zod), context);
    expect(notMcp?.code).toBe('not-mcp');
    // Only the first line of what the transport said.
    expect(notMcp?.message).toBe(
      'https://notes.example/sse?token=••••(12 chars) answers, but not as an MCP server ([)',
    );
  });

  it('a 401 without an OAuth challenge or a header names both ways in, for the client', () => {
    const error = new ConnectError('unauthorized', `${plan.url} answered 401 Unauthorized`);
    const [found] = remoteFailure(error, { ...context, challenge: 'Basic realm="x"' });
    expect(found?.severity).toBe('error');
    expect(found?.fix).toContain(
      'open Cursor Settings → MCP and use the login button next to "notes"',
    );
    const [oauth] = remoteFailure(error, {
      ...context,
      challenge: 'Bearer resource_metadata="https://notes.example/.well-known/x"',
    });
    expect(oauth?.severity).toBe('warning');
  });

  it('an aborted check is interrupted', () => {
    const error = failure('timeout', new Error('aborted'));
    expect(remoteFailure(error, { ...context, aborted: true })[0]?.code).toBe('interrupted');
  });
});
