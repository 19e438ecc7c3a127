import {
  ProtocolErrorCode,
  SdkErrorCode,
  SdkHttpError,
  UnsupportedProtocolVersionError,
} from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { classifyHttpFailure } from './connect-errors.js';
import type { HttpTarget } from './server-target.js';

const target: HttpTarget = { transport: 'http', url: 'http://127.0.0.1:1/mcp', headers: {} };

const http400 = (text: string) =>
  new SdkHttpError(SdkErrorCode.ClientHttpNotImplemented, `Error POSTing to endpoint: ${text}`, {
    status: 400,
    statusText: 'Bad Request',
    text,
  });

describe('classifyHttpFailure: a refused protocol version', () => {
  it('reads the -32022 error in an HTTP 400 body, with the versions the server names', () => {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      error: {
        code: ProtocolErrorCode.UnsupportedProtocolVersion,
        message: 'Unsupported protocol version: 2025-11-25',
        data: { supported: ['2026-07-28'], requested: '2025-11-25' },
      },
    });
    const failure = classifyHttpFailure(http400(body), target, 1000);
    expect(failure.kind).toBe('unsupported-version');
    expect(failure.message).toBe(
      'the server refused protocol version 2025-11-25 (it supports 2026-07-28)',
    );
    expect(failure.hint).toContain('--era modern');
    expect(failure.supportedVersions).toEqual(['2026-07-28']);
    expect(failure.refusedVersion).toBe('2025-11-25');
  });

  it('reads the in-band error the same way', () => {
    const error = new UnsupportedProtocolVersionError({
      supported: ['2026-07-28', '2027-01-01'],
      requested: '2025-11-25',
    });
    const failure = classifyHttpFailure(error, target, 1000);
    expect(failure.kind).toBe('unsupported-version');
    expect(failure.supportedVersions).toEqual(['2026-07-28', '2027-01-01']);
  });

  it('bounds what it keeps of the versions a server names', () => {
    const body = JSON.stringify({
      error: {
        code: ProtocolErrorCode.UnsupportedProtocolVersion,
        data: {
          supported: ['x'.repeat(100), 7, ...Array(40).fill('v')],
          requested: 'y'.repeat(99),
        },
      },
    });
    const failure = classifyHttpFailure(http400(body), target, 1000);
    expect(failure.supportedVersions).toHaveLength(16);
    expect(failure.supportedVersions[0]).toHaveLength(32);
    expect(failure.refusedVersion).toHaveLength(32);
    expect(failure.hint).toBe('Try --era modern or --era auto.');
  });

  it('leaves other 400s, and bodies that are no JSON, as HTTP failures', () => {
    expect(classifyHttpFailure(http400('<html>bad</html>'), target, 1000).kind).toBe('http');
    const other = JSON.stringify({ error: { code: -32600, message: 'Invalid Request' } });
    expect(classifyHttpFailure(http400(other), target, 1000)).toMatchObject({
      kind: 'http',
      message: 'http://127.0.0.1:1/mcp answered HTTP 400',
    });
  });
});
