import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { liveSession, TEST_SERVER_SCRIPT } from '../../../../../test/support/live.js';
import { makeTempDir, ROOT } from '../../../../../test/support/paths.js';
import { HistoryStore } from './history-store.js';
import { LiveSession, type LiveState } from './live-session.js';

const SERVER = TEST_SERVER_SCRIPT;
const sessions: LiveSession[] = [];

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
});

async function open(
  flags: string[] = [],
  extra: { history?: HistoryStore; roots?: string[]; era?: 'legacy' | 'modern' } = {},
): Promise<LiveSession> {
  const session = liveSession(SERVER, flags, extra);
  sessions.push(session);
  await session.connect();
  return session;
}

/** Resolves once the state satisfies `test` (the session tells of every change). */
function until(session: LiveSession, test: (state: LiveState) => boolean): Promise<LiveState> {
  return new Promise((resolve) => {
    const check = () => {
      const state = session.getState();
      if (test(state)) {
        unsubscribe();
        resolve(state);
      }
    };
    const unsubscribe = session.subscribe(check);
    check();
  });
}

describe('LiveSession against a real server over stdio', () => {
  it('connects and reads the four lists and what the server says of itself', async () => {
    const session = await open();
    const state = session.getState();
    expect(state.status).toEqual({ kind: 'connected' });
    expect(state.server).toMatchObject({
      name: 'mcpkit-test-server',
      version: '1.2.3',
      era: 'legacy',
      wire: 'stdio',
    });
    expect(state.lists.tools.items.map((tool) => tool.name)).toContain('echo');
    expect(state.lists.resources.items.map((r) => r.uri)).toContain('test://static/hello');
    expect(state.lists.templates.items.map((t) => t.uriTemplate)).toEqual(['test://items/{id}']);
    expect(state.lists.prompts.items.map((p) => p.name)).toContain('greet');
    expect(state.starts).toBe(1);
  });

  it('reads every page of a paginated list', async () => {
    const session = await open(['--many', '120']);
    expect(
      session.getState().lists.tools.items.filter((t) => t.name.startsWith('tool_')),
    ).toHaveLength(120);
  });

  it('calls a tool, records both directions of the traffic and remembers the call', async () => {
    const history = await HistoryStore.open({ file: join(makeTempDir('live'), 'history.json') });
    const session = await open([], { history });
    const outcome = await session.run({ kind: 'tool', name: 'echo', arguments: { text: 'hello' } });
    expect(outcome).toMatchObject({ ok: true, isError: false, summary: 'hello' });
    const methods = session.traffic
      .entries()
      .map((entry) => `${entry.direction} ${entry.method ?? ''}`);
    expect(methods).toContain('out tools/call');
    expect(session.traffic.entries().some((e) => e.direction === 'in' && e.id !== undefined)).toBe(
      true,
    );
    expect(history.entries()[0]).toMatchObject({
      kind: 'tool',
      name: 'echo',
      outcome: 'ok',
      arguments: { text: 'hello' },
    });
    expect(history.lastArguments('tool', 'echo')).toEqual({ text: 'hello' });
  });

  it('shows progress while a call runs, and Esc (cancel) stops it on the server', async () => {
    const session = await open();
    const running = session.run({
      kind: 'tool',
      name: 'slow',
      arguments: { ms: 20_000, steps: 100 },
    });
    const withProgress = await until(session, (state) => state.call?.progress !== undefined);
    expect(withProgress.call?.progress?.total).toBe(100);
    session.cancel();
    const outcome = await running;
    expect(outcome).toMatchObject({ ok: false, cancelled: true });
    expect(session.getState().call).toBeUndefined();
    const cancelled = session.traffic.entries().find((e) => e.method === 'notifications/cancelled');
    expect(cancelled?.direction).toBe('out');
    // The session goes on: the next call works.
    expect(
      await session.run({ kind: 'tool', name: 'echo', arguments: { text: 'again' } }),
    ).toMatchObject({ ok: true });
  });

  it('one call at a time: a second one is refused while the first runs', async () => {
    const session = await open();
    const first = session.run({ kind: 'tool', name: 'slow', arguments: { ms: 300, steps: 1 } });
    const second = await session.run({ kind: 'tool', name: 'echo', arguments: { text: 'x' } });
    expect(second).toMatchObject({
      ok: false,
      cancelled: false,
      message: 'A call is already running.',
    });
    expect(await first).toMatchObject({ ok: true });
  });

  it.each(['legacy', 'modern'] as const)(
    'an elicitation waits for the person and carries their answer (%s era)',
    async (era) => {
      const session = await open([], { era });
      const running = session.run({
        kind: 'tool',
        name: 'elicit',
        arguments: { question: 'Sure?' },
      });
      const asked = await until(session, (state) => state.requests.length > 0);
      const request = asked.requests[0]!;
      expect(request).toMatchObject({ kind: 'elicitation' });
      session.answer(request.id, { action: 'accept', content: { answer: 'yes', sure: true } });
      const outcome = await running;
      expect(outcome.ok && JSON.stringify(outcome.result)).toContain('yes');
      expect(session.getState().requests).toEqual([]);
    },
  );

  it('a sampling request is answered with the text the person typed, or declined', async () => {
    const session = await open();
    const running = session.run({ kind: 'tool', name: 'sample', arguments: { prompt: 'Say hi' } });
    const asked = await until(session, (state) => state.requests.length > 0);
    const request = asked.requests[0]!;
    expect(request.kind).toBe('sampling');
    expect(JSON.stringify(request)).toContain('Say hi');
    session.answer(request.id, { action: 'reply', text: 'hi from a person' });
    const outcome = await running;
    expect(outcome.ok && outcome.summary).toContain('hi from a person');

    const declined = session.run({ kind: 'tool', name: 'sample', arguments: { prompt: 'again' } });
    const again = await until(session, (state) => state.requests.length > 0);
    session.answer(again.requests[0]!.id, { action: 'decline' });
    const result = await declined;
    expect(result.ok ? result.isError : true).toBe(true);
  });

  it('roots are the ones set, and the server hears that they changed', async () => {
    const dir = makeTempDir('roots');
    const session = await open([], { roots: [] });
    session.setRoots([dir]);
    const outcome = await session.run({ kind: 'tool', name: 'roots', arguments: {} });
    expect(outcome.ok && JSON.stringify(outcome.result)).toContain(
      encodeURI(dir.split('/').pop()!),
    );
    expect(
      session.traffic.entries().some((e) => e.method === 'notifications/roots/list_changed'),
    ).toBe(true);
  });

  it('a server that crashes: exit code and stderr are kept, and reconnecting starts it again', async () => {
    const session = await open(['--crash-after-init']);
    // On stdio the session process dies on its first request.
    void session.run({ kind: 'tool', name: 'echo', arguments: { text: 'x' } });
    const exited = await until(session, (state) => state.status.kind === 'exited');
    expect(exited.status).toMatchObject({ kind: 'exited', code: 3 });
    expect(session.stderr.lines().join('\n')).toMatch(/Traceback|Error/);
    const trafficBefore = session.traffic.entries().length;
    await session.connect('Reconnected.');
    expect(session.getState().starts).toBe(2);
    expect(session.traffic.entries().length).toBeGreaterThan(trafficBefore);
  });

  it('a server that does not start: the failure says why', async () => {
    const session = new LiveSession({
      target: {
        transport: 'stdio',
        command: 'mcpkit-no-such-command',
        args: [],
        env: { PATH: '' },
      },
      connection: { era: 'legacy', eraIsDefault: false, timeoutMs: 5000, maxMessageBytes: 1 << 20 },
      version: '0',
      roots: [],
    });
    sessions.push(session);
    await session.connect();
    const status = session.getState().status;
    expect(status.kind).toBe('failed');
    expect(status.kind === 'failed' && status.message).toMatch(/mcpkit-no-such-command/);
  });
});

describe('LiveSession: lists that change while connected', () => {
  const CHANGING = join(ROOT, 'test/fixtures/changing-server.mjs');

  it.each(['legacy', 'modern'] as const)(
    're-lists tools and prompts on list_changed (%s era)',
    async (era) => {
      const session = liveSession(CHANGING, [], { era });
      sessions.push(session);
      await session.connect();
      expect(session.getState().lists.tools.items.map((t) => t.name)).toEqual([
        'add_tool',
        'add_prompt',
      ]);
      await session.run({ kind: 'tool', name: 'add_tool', arguments: {} });
      await until(session, (state) => state.lists.tools.items.some((t) => t.name === 'extra_1'));
      await session.run({ kind: 'tool', name: 'add_prompt', arguments: {} });
      await until(session, (state) =>
        state.lists.prompts.items.some((p) => p.name === 'extra_prompt_1'),
      );
    },
  );
});
