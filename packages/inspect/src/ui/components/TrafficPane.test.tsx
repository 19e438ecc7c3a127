import { describe, expect, it } from 'vitest';
import { renderInk } from '../../../../../test/support/ink.js';
import { TrafficLog } from '../../core/live/traffic-log.js';
import { TrafficPane } from './TrafficPane.js';

const AT = new Date(2026, 0, 2, 14, 30, 1, 5).getTime();
const rows = (frame: string | undefined) => frame!.split('\n');

function sampleLog() {
  const log = new TrafficLog({ now: () => AT });
  log.recordMessage('out', {
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'echo' },
  });
  log.recordStray('Listening on stdio', 'not JSON');
  log.recordMessage('in', { jsonrpc: '2.0', id: 1, result: { content: [] } });
  log.recordMessage('in', { jsonrpc: '2.0', id: 2, error: { code: -32601, message: 'nope' } });
  return log;
}

describe('TrafficPane', () => {
  it('says when there is no traffic yet', async () => {
    const { lastFrame } = await renderInk(
      <TrafficPane log={new TrafficLog()} width={60} height={3} isActive />,
    );
    expect(lastFrame()).toContain('no traffic yet');
  });

  it('shows direction, method, id, what a response answers, stray lines, then the JSON', async () => {
    const { lastFrame } = await renderInk(
      <TrafficPane log={sampleLog()} width={100} height={4} isActive />,
    );
    expect(rows(lastFrame())).toEqual([
      '14:30:01.005 → tools/call #1 {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo"}}',
      '14:30:01.005 ! stray stdout (not JSON): Listening on stdio',
      '14:30:01.005 ← #1 (tools/call) result {"jsonrpc":"2.0","id":1,"result":{"content":[]}}',
      '14:30:01.005 ← #2 error {"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"nope"}}',
    ]);
  });

  it('opens a message as pretty JSON below it with Enter or v, and closes it again', async () => {
    const app = await renderInk(<TrafficPane log={sampleLog()} width={100} height={12} isActive />);
    await app.type('g', '\r');
    expect(rows(app.lastFrame()).slice(0, 9)).toEqual([
      expect.stringContaining('→ tools/call #1'),
      '  {',
      '    "jsonrpc": "2.0",',
      '    "id": 1,',
      '    "method": "tools/call",',
      '    "params": {',
      '      "name": "echo"',
      '    }',
      '  }',
    ]);
    expect(rows(app.lastFrame())[9]).toContain('! stray stdout');
    // Inside the opened JSON, v closes the message it belongs to.
    await app.type('j', 'j', 'v');
    expect(rows(app.lastFrame()).filter(Boolean)).toHaveLength(4);
    expect(rows(app.lastFrame())[1]).toContain('! stray stdout');
  });

  it('keeps the cursor on the last message when it is opened, then scrolls through its JSON', async () => {
    const log = new TrafficLog({ now: () => AT });
    for (let id = 1; id <= 5; id += 1)
      log.recordMessage('out', { jsonrpc: '2.0', id, method: 'ping' });
    const app = await renderInk(<TrafficPane log={log} width={80} height={3} isActive />);
    await app.type('v');
    expect(rows(app.lastFrame())).toEqual([
      expect.stringContaining('→ ping #5'),
      '  {',
      '    "jsonrpc": "2.0",',
    ]);
    await app.type('k');
    expect(rows(app.lastFrame())).toEqual([
      expect.stringContaining('→ ping #4'),
      expect.stringContaining('→ ping #5'),
      '  {',
    ]);
    await app.type('G');
    expect(rows(app.lastFrame())).toEqual(['    "id": 5,', '    "method": "ping"', '  }']);
    // At the bottom again: new messages are followed.
    log.recordMessage('in', { jsonrpc: '2.0', id: 5, result: {} });
    await app.burst();
    expect(rows(app.lastFrame())[2]).toContain('← #5 (ping) result');
  });

  it('stays on what it shows while messages arrive, when scrolled up', async () => {
    const log = new TrafficLog({ now: () => AT });
    for (let id = 1; id <= 10; id += 1)
      log.recordMessage('out', { jsonrpc: '2.0', id, method: 'ping' });
    const app = await renderInk(<TrafficPane log={log} width={80} height={2} isActive />);
    await app.type('\u001b[5~');
    const before = app.lastFrame();
    log.recordMessage('out', { jsonrpc: '2.0', id: 11, method: 'ping' });
    await app.burst();
    expect(app.lastFrame()).toBe(before);
  });

  it('notes when a message was cut, and indents what was kept', async () => {
    const log = new TrafficLog({ now: () => AT, maxTextChars: 48 });
    const message = { jsonrpc: '2.0', id: 1, result: { text: 'z'.repeat(100) } };
    log.recordMessage('in', message);
    const app = await renderInk(<TrafficPane log={log} width={80} height={8} isActive />);
    await app.type('\r');
    expect(rows(app.lastFrame()).slice(0, 7)).toEqual([
      expect.stringContaining('← #1 result'),
      '  {',
      '    "jsonrpc": "2.0",',
      '    "id": 1,',
      '    "result": {',
      `      "text": "${'z'.repeat(6)}`,
      `  … cut: 48 characters kept of ${JSON.stringify(message).length} bytes`,
    ]);
  });

  it('sanitises server strings and cuts rows at 80 columns with …', async () => {
    const log = new TrafficLog({ now: () => AT });
    log.recordStray(`\u001b[2J\u001b[31mboom\u001b[0m ${'w'.repeat(200)}`, 'not JSON');
    log.recordMessage('in', {
      jsonrpc: '2.0',
      method: 'notifications/message',
      params: { data: '\u001b]0;title\u0007hi' },
    });
    const { lastFrame } = await renderInk(
      <TrafficPane log={log} width={80} height={2} isActive={false} />,
    );
    const [stray, message] = rows(lastFrame());
    expect(lastFrame()).not.toContain('\u001b');
    expect(lastFrame()).not.toContain('\u0007');
    expect(stray).toMatch(/^14:30:01\.005 ! stray stdout \(not JSON\): boom w+…$/);
    expect(stray).toHaveLength(80);
    expect(message).toHaveLength(80);
    expect(message!.endsWith('…')).toBe(true);
  });
});
