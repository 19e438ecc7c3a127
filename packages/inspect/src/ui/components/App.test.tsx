import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { liveSession, TEST_SERVER_SCRIPT } from '../../../../../test/support/live.js';
import { makeTempDir } from '../../../../../test/support/paths.js';
import { renderInk, type InkApp } from '../../../../../test/support/ink.js';
import { HistoryStore } from '../../core/live/history-store.js';
import type { LiveSession } from '../../core/live/live-session.js';
import { App } from './App.js';

const SERVER = TEST_SERVER_SCRIPT;
const KEY = {
  enter: '\r',
  esc: '\u001b',
  tab: '\t',
  right: '\u001b[C',
  down: '\u001b[B',
  ctrlS: '\u0013',
};

const opened: { session: LiveSession; app: InkApp }[] = [];
afterEach(async () => {
  for (const { session, app } of opened.splice(0)) {
    app.unmount();
    await session.close();
  }
});

/** The App on a live session with the test server, once the tools are listed. */
async function start(flags: string[] = [], cwd = makeTempDir('app')) {
  const history = await HistoryStore.open({ file: join(cwd, 'history.json') });
  const session = liveSession(SERVER, flags, { roots: [cwd], history });
  let exited = false;
  const app = await renderInk(
    <App session={session} label="test" cwd={cwd} onExit={() => (exited = true)} />,
  );
  opened.push({ session, app });
  await act(() => session.connect());
  await until(app, /› echo/);
  return { app, session, cwd, exited: () => exited };
}

/** Waits for the frame to match (server answers arrive on their own time). */
async function until(app: InkApp, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = app.lastFrame() ?? '';
    if (pattern.test(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`frame never matched ${pattern}:\n${frame}`);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
  }
}

describe('the interactive inspector (ink-testing-library)', () => {
  it('opens on the tools with the header, the tabs and the selected tool described', async () => {
    const { app } = await start();
    const frame = app.lastFrame()!;
    expect(frame).toMatch(/mcpkit-test-server 1\.2\.3 · 2025-11-25 \(2025 era\) · stdio/);
    expect(frame).toMatch(/● connected/);
    expect(frame).toMatch(/1 Tools 13 +2 Resources 3 +3 Templates 1 +4 Prompts 1/);
    expect(frame).toContain('Echoes the given text back.');
    expect(frame).toMatch(/text\* +string/);
  });

  it('2 reads a resource with Enter; v shows an item as raw JSON', async () => {
    const { app } = await start();
    await app.type('v');
    await until(app, /"inputSchema": \{/);
    await app.type('v', '2');
    await until(app, /› hello|› test:\/\/static\/hello|static/);
    await app.type(KEY.enter);
    await until(app, /hello world/);
  });

  it('3 fills a template variable with the server’s completion and reads the URI', async () => {
    const { app } = await start();
    await app.type('3', KEY.enter);
    await until(app, /› id\*/);
    await app.type('al');
    await until(app, /→ alpha/);
    await app.type(KEY.right, KEY.enter);
    await until(app, /item alpha/);
  });

  it('4 gets a prompt from its arguments and shows the messages', async () => {
    const { app } = await start();
    await app.type('4', KEY.enter);
    await until(app, /› name\*/);
    await app.type('Ada', KEY.ctrlS);
    const frame = await until(app, /Ada/);
    expect(frame).toMatch(/user/);
  });

  it('a burst ending in Enter sends the form with all of it: Enter, text and Enter at once', async () => {
    const { app } = await start();
    await app.burst(`${KEY.enter}typed fast${KEY.enter}`);
    await until(app, /✓ ok\s+echo/);
    expect(app.lastFrame()).toContain('typed fast');
  });

  it('? lists every key of the contract; Esc closes it', async () => {
    const { app } = await start();
    await app.type('?');
    const frame = await until(app, /Ctrl-S/);
    for (const text of ['filter the list', 'history of calls', 'reconnect', 'quit'])
      expect(frame).toContain(text);
    await app.type(KEY.esc);
    await until(app, /Echoes the given text back/);
  });

  it('w saves the result to a new file in the folder', async () => {
    const { app, cwd } = await start();
    await app.type(KEY.enter, 'saved text', KEY.enter);
    await until(app, /✓ ok\s+echo/);
    await app.type('w');
    await until(app, /Save result to/);
    await app.type(KEY.enter);
    await until(app, /Saved to/);
    const [file] = readdirSync(cwd).filter((name) => name.startsWith('echo-result-'));
    expect(JSON.parse(readFileSync(join(cwd, file!), 'utf8'))).toMatchObject({
      content: [{ type: 'text', text: 'saved text' }],
    });
  });

  it('q quits and stops the server', async () => {
    const { app, session, exited } = await start();
    await app.type('q');
    await act(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(exited()).toBe(true);
    expect(session.getState().status.kind).toBe('closed');
    expect(session.current).toBeUndefined();
  });

  it('server text with terminal escapes reaches no frame raw', async () => {
    const { app } = await start(['--hostile']);
    await app.type('G');
    // eslint-disable-next-line no-control-regex
    expect(app.lastFrame()).not.toMatch(/[\u001b\u009b\u009d\u202e]/);
    await app.type(KEY.enter, KEY.ctrlS);
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    // Colours (SGR) are ours; any other control character would have come from the server.
    for (const frame of app.frames)
      // eslint-disable-next-line no-control-regex
      expect(frame.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u001b\u0007\u009b\u009d]/);
  });
});
