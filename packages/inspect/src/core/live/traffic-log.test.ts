import { describe, expect, it } from 'vitest';
import { TrafficLog } from './traffic-log.js';

describe('TrafficLog', () => {
  it('records requests, notifications and responses with method, id and size', () => {
    const log = new TrafficLog({ now: () => 1 });
    log.recordMessage('out', { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
    log.recordMessage('in', { jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    log.recordMessage('in', { jsonrpc: '2.0', id: 1, result: { tools: [] } });
    const [request, notification, response] = log.entries();
    expect(request).toMatchObject({ direction: 'out', method: 'tools/list', id: 1 });
    expect(request?.text).toBe('{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}');
    expect(request?.bytes).toBe(request?.text.length);
    expect(notification).toMatchObject({
      direction: 'in',
      method: 'notifications/tools/list_changed',
    });
    expect(notification?.id).toBeUndefined();
    expect(response).toMatchObject({ direction: 'in', id: 1 });
    expect(response?.method).toBeUndefined();
    expect(response?.isError).toBeUndefined();
  });

  it('finds the method a response answers, per sender of the request', () => {
    const log = new TrafficLog();
    log.recordMessage('out', { jsonrpc: '2.0', id: 7, method: 'tools/call' });
    // The server's own request 7 is another request than the client's 7.
    log.recordMessage('in', { jsonrpc: '2.0', id: 7, method: 'sampling/createMessage' });
    log.recordMessage('out', { jsonrpc: '2.0', id: 7, result: {} });
    log.recordMessage('in', { jsonrpc: '2.0', id: 7, error: { code: -32000, message: 'no' } });
    log.recordMessage('in', { jsonrpc: '2.0', id: '7', result: {} });
    const [, , answerToServer, answerToClient, unknown] = log.entries();
    expect(log.methodOf(answerToServer!)).toBe('sampling/createMessage');
    expect(log.methodOf(answerToClient!)).toBe('tools/call');
    expect(answerToClient?.isError).toBe(true);
    // A string id "7" is not the number 7.
    expect(log.methodOf(unknown!)).toBeUndefined();
    expect(log.methodOf(log.entries()[0]!)).toBe('tools/call');
  });

  it('flags stray stdout lines with their reason', () => {
    const log = new TrafficLog();
    log.recordStray('Server starting on port 3000', 'not JSON');
    log.recordStray('{"hello":1}', 'not a JSON-RPC message');
    expect(log.entries()).toMatchObject([
      {
        direction: 'stray',
        text: 'Server starting on port 3000',
        strayReason: 'not JSON',
        bytes: 28,
      },
      { direction: 'stray', text: '{"hello":1}', strayReason: 'not a JSON-RPC message' },
    ]);
  });

  it('cuts long messages but keeps their full size in bytes', () => {
    const log = new TrafficLog({ maxTextChars: 20 });
    log.recordMessage('in', { jsonrpc: '2.0', id: 1, result: { text: 'é'.repeat(100) } });
    const [entry] = log.entries();
    expect(entry?.text).toHaveLength(20);
    expect(entry?.truncated).toBe(true);
    expect(entry?.bytes).toBe(
      Buffer.byteLength(
        JSON.stringify({ jsonrpc: '2.0', id: 1, result: { text: 'é'.repeat(100) } }),
      ),
    );
  });

  it('keeps at most maxEntries messages and counts the dropped ones', () => {
    const log = new TrafficLog({ maxEntries: 3 });
    for (let id = 1; id <= 5; id += 1)
      log.recordMessage('out', { jsonrpc: '2.0', id, method: 'ping' });
    expect(log.entries().map((entry) => entry.id)).toEqual([3, 4, 5]);
    expect(log.dropped).toBe(2);
  });

  it('still records a message that cannot be written as JSON', () => {
    const log = new TrafficLog();
    const circular: Record<string, unknown> = { jsonrpc: '2.0', method: 'x' };
    circular.self = circular;
    log.recordMessage('in', circular);
    expect(log.entries()[0]).toMatchObject({ method: 'x', text: '[object Object]' });
  });
});
