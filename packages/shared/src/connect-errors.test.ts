import {
  ProtocolErrorCode,
  SdkErrorCode,
  SdkHttpError,
  UnsupportedProtocolVersionError,
} from '@modelcontextprotocol/client';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { classifyHttpFailure, classifyStdioFailure } from './connect-errors.js';
import { ProcessTransport } from './process-transport.js';
import type { HttpTarget, StdioTarget } from './server-target.js';

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

/** A child process that has started; the test decides when it writes and exits. */
function fakeChild() {
  const child = Object.assign(new EventEmitter(), {
    pid: undefined,
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    kill: () => true,
  });
  return child;
}

describe('classifyStdioFailure: a server that exits at once', () => {
  const stdio: StdioTarget = { transport: 'stdio', command: 'srv', args: [], env: {} };
  const epipe = () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' });

  async function started() {
    const child = fakeChild();
    const transport = new ProcessTransport({
      command: 'srv',
      args: [],
      env: {},
      spawn: () => child as unknown as ChildProcess,
    });
    const starting = transport.start();
    child.emit('spawn');
    await starting;
    return { child, transport };
  }

  it('a write that fails with EPIPE before the exit is seen is `exited`, with the stderr', async () => {
    const { child, transport } = await started();
    // The handshake's write failed; the exit (and the last stderr) arrive just after.
    const classifying = classifyStdioFailure(epipe(), stdio, transport, 1000);
    setTimeout(() => {
      child.stderr.write('Error: API_KEY is not set\n');
      setTimeout(() => child.emit('close', 3, null), 20);
    }, 20);
    const failure = await classifying;
    expect(failure.kind).toBe('exited');
    expect(failure.message).toBe('the server exited with code 3 before the handshake finished');
    expect(failure.stderr).toBe('Error: API_KEY is not set\n');
  });

  it('a server that closed its stdin but keeps running is still a protocol failure', async () => {
    const { transport } = await started();
    const failure = await classifyStdioFailure(epipe(), stdio, transport, 1000);
    expect(failure.kind).toBe('protocol');
    expect(failure.message).toBe('the handshake failed: write EPIPE');
  });
});
