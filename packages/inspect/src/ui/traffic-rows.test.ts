import { describe, expect, it } from 'vitest';
import { TrafficLog } from '../core/live/traffic-log.js';
import { describeTraffic, expandedLines, trafficRows } from './traffic-rows.js';

describe('trafficRows', () => {
  it('counts one row per message plus the lines of the opened ones, and finds any row', () => {
    const log = new TrafficLog();
    log.recordMessage('out', { jsonrpc: '2.0', id: 1, method: 'ping' });
    log.recordMessage('in', { jsonrpc: '2.0', id: 1, result: {} });
    log.recordMessage('out', { jsonrpc: '2.0', method: 'notifications/initialized' });
    const entries = log.entries();
    const rows = trafficRows(entries, new Set([entries[1]!.seq]));
    // `{`, `"jsonrpc": "2.0",`, `"id": 1,`, `"result": {}`, `}`
    expect(expandedLines(entries[1]!)).toHaveLength(5);
    expect(rows.count).toBe(8);
    expect(rows.starts).toEqual([0, 1, 7]);
    expect(rows.locate(0)).toEqual({ index: 0, sub: 0 });
    expect(rows.locate(1)).toEqual({ index: 1, sub: 0 });
    expect(rows.locate(4)).toEqual({ index: 1, sub: 3 });
    expect(rows.locate(7)).toEqual({ index: 2, sub: 0 });
  });

  it('keeps a stray line that is not JSON as it is when opened', () => {
    const log = new TrafficLog();
    log.recordStray('  Listening on  port 3', 'not JSON');
    expect(expandedLines(log.entries()[0]!)).toEqual(['  Listening on  port 3']);
  });

  it('describes each kind of message', () => {
    expect(
      describeTraffic(
        { direction: 'out', text: '', bytes: 0, method: 'tools/call', id: 3 },
        undefined,
      ),
    ).toBe('→ tools/call #3');
    expect(describeTraffic({ direction: 'in', text: '', bytes: 0, id: 3 }, 'tools/call')).toBe(
      '← #3 (tools/call) result',
    );
    expect(
      describeTraffic({ direction: 'in', text: '', bytes: 0, id: 'a', isError: true }, undefined),
    ).toBe('← #a error');
    expect(
      describeTraffic(
        { direction: 'stray', text: '', bytes: 0, strayReason: 'not a JSON-RPC message' },
        undefined,
      ),
    ).toBe('! stray stdout (not a JSON-RPC message):');
  });
});
