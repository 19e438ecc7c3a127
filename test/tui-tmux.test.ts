import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVERYTHING, TEST_SERVER } from './support/inspect.js';
import { BIN, makeTempDir } from './support/paths.js';
import { startTmux, type TmuxSession } from './support/tmux.js';

/**
 * The interactive inspector in a real terminal: keys typed by tmux, the screen read back.
 * Each run gets its own state folder (history) and working folder; the shell prints the
 * exit code when the inspector ends.
 */
function startInspector(
  args: string,
  options: { cwd?: string; env?: Record<string, string> } = {},
) {
  const cwd = options.cwd ?? makeTempDir('tui');
  const state = makeTempDir('tui-state');
  const session = startTmux(
    `env -u CI ${process.execPath} ${BIN.inspect} ${args}; echo "EXIT=$?"; sleep 60`,
    { cwd, env: { XDG_STATE_HOME: state, ...options.env } },
  );
  return { session, cwd, state };
}

const everything = `-- ${process.execPath} ${EVERYTHING} stdio`;
const testServer = (flags = '') => `-- ${process.execPath} ${TEST_SERVER} ${flags}`;

describe('the interactive inspector in a real terminal (tmux)', () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.kill());

  it('connects at once, filters the tools, calls one through its form, shows the traffic, quits', async () => {
    ({ session } = startInspector(everything));
    let screen = await session.waitFor(/● connected/);
    expect(screen).toMatch(/Everything Reference Server 2\.0\.0 · 2025-11-25 \(2025 era\) · stdio/);
    await session.waitFor(/› echo/);
    await session.waitForRawMode();
    session.send('/', '-l', 'ech');
    screen = await session.waitFor(/\/ech/);
    expect(screen).toContain('› echo');
    expect(screen).not.toContain('get-sum');
    session.send('Enter'); // keep the filter
    session.send('Enter'); // open the form: its one field is focused
    await session.waitFor(/message/);
    session.send('-l', 'hello from tmux');
    session.send('Enter'); // the last field sends
    screen = await session.waitFor(/Echo: hello from tmux/);
    expect(screen).toMatch(/✓|ok/);
    session.send('t');
    screen = await session.waitFor(/tools\/call/);
    expect(screen).toMatch(/→ tools\/call/);
    expect(screen).toMatch(/←/);
    session.send('q');
    screen = await session.waitFor(/EXIT=\d+/);
    expect(screen).toContain('EXIT=0');
  });

  it('fills a form with nested objects, arrays, enums, booleans and an anyOf branch, and sends typed values', async () => {
    ({ session } = startInspector(testServer()));
    await session.waitFor(/● connected/);
    await session.waitForRawMode();
    session.send('/', '-l', 'typed');
    await session.waitFor(/\/typed/);
    session.send('Enter', 'Enter');
    await session.waitFor(/count/);
    // count (integer, required): a letter is refused as you type.
    session.send('-l', '3x');
    await session.waitFor(/not a (whole )?number|integer/i);
    session.send('BSpace');
    session.send('Tab', '-l', '0.5'); // ratio
    session.send('Tab', 'Space'); // flag: true
    session.send('Tab', 'Right'); // mode: the next option
    session.send('Tab', 'C-n', '-l', 'red'); // tags: one item
    session.send('Tab', 'Tab', 'Tab'); // past options.depth and options.label (left empty)
    session.send('Right'); // target: anyOf, its first branch (point)
    await session.waitFor(/‹ point ›/);
    session.send('Tab', '-l', '1.5', 'Tab', '-l', '-2');
    session.resize(100, 60); // room for the whole result
    session.send('C-s');
    const screen = await session.waitFor(/"types"/);
    // The right pane alone, without the list column beside it.
    const result = screen
      .split('\n')
      .map((line) => line.slice(line.indexOf('│') + 1))
      .join('\n');
    expect(result).toMatch(/"target": \{\s*"x": 1\.5,\s*"y": -2\s*\}/);
    expect(result).toMatch(/"target": "object"/);
    expect(screen).toMatch(/"count": 3/);
    expect(screen).toMatch(/"flag": true/);
    expect(screen).toMatch(/"tags": \[/);
  });

  it('Esc cancels a slow call and the inspector stays; quitting during a call asks first', async () => {
    ({ session } = startInspector(everything));
    await session.waitFor(/● connected/);
    await session.waitForRawMode();
    session.send('/', '-l', 'long');
    await session.waitFor(/› trigger-long-running-operation/);
    session.send('Enter', 'Enter');
    await session.waitFor(/duration/);
    session.send('C-s');
    await session.waitFor(/Esc cancels/);
    let screen = await session.waitFor(/█.* 1\/5/);
    expect(screen).toMatch(/calling "trigger-long-running-operation"… \d+\.\ds/);
    session.send('q');
    await session.waitFor(/Quit anyway\?/);
    session.send('n');
    session.send('Escape');
    screen = await session.waitFor(/Cancelled/);
    expect(screen).toContain('● connected');
    expect(screen).not.toContain('EXIT=');
  });

  it('answers an elicitation and a sampling request from the server', async () => {
    ({ session } = startInspector(testServer()));
    await session.waitFor(/● connected/);
    await session.waitForRawMode();
    session.send('/', '-l', 'elicit');
    await session.waitFor(/› elicit/);
    session.send('Enter', 'Enter');
    await session.waitFor(/question/);
    session.send('-l', 'Ready?');
    session.send('Enter');
    let screen = await session.waitFor(/The server asks \(elicitation\)/);
    expect(screen).toContain('Ready?');
    expect(screen).toContain('answer');
    session.send('-l', 'yes indeed');
    session.send('Tab', 'Space');
    session.send('C-s');
    screen = await session.waitFor(/"answer": "yes indeed"/);
    expect(screen).toMatch(/"action": "accept"/);
    expect(screen).toMatch(/"sure": true/);

    session.send('Escape'); // the result closes
    await session.waitFor(/Asks the user a question/);
    session.send('/', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace');
    session.send('-l', 'sample');
    await session.waitFor(/› sample/);
    session.send('Enter', 'Enter');
    await session.waitFor(/prompt/);
    session.send('-l', 'Write a haiku');
    session.send('Enter');
    screen = await session.waitFor(/model reply \(sampling\)/);
    expect(screen).toContain('Write a haiku');
    session.send('-l', 'typed by a person');
    session.send('Enter');
    screen = await session.waitFor(/✓ ok\s+sample/);
    expect(screen).toContain('typed by a person');
  });

  it('shows stderr and keeps the traffic when the server crashes; r starts it again', async () => {
    // The server dies on its first request after the handshake: listing the tools.
    ({ session } = startInspector(testServer('--crash-after-init --stderr-noise')));
    let screen = await session.waitFor(/exited \(code 3\)/);
    expect(screen).toMatch(/The server stopped: the server exited with code 3/);
    expect(screen).toMatch(/crashing on purpose/);
    await session.waitForRawMode();
    session.send('s');
    screen = await session.waitFor(/Traceback/);
    expect(screen).toMatch(/exit code 3|code 3/);
    session.send('t');
    screen = await session.waitFor(/→ initialize/);
    expect(screen.match(/→ initialize/g)).toHaveLength(1);
    session.send('Escape', 'r');
    await session.waitFor(/exited \(code 3\)/);
    session.send('t');
    await session.waitFor(/→ initialize[\s\S]*→ initialize/);
  });

  it('stays readable at 80x24: names cut with …, never wrapped mid-word', async () => {
    ({ session } = startInspector(everything));
    await session.waitFor(/● connected/);
    await session.waitFor(/trigger-long-running/);
    session.resize(80, 24);
    const screen = await session.waitFor(/● connected/);
    const lines = screen.split('\n');
    expect(lines.length).toBeLessThanOrEqual(25);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    // The list column is narrower than the longest names: they end in … rather than wrap.
    expect(screen).toMatch(/trigger-long-run\S*…|trigger-long-running-operation/);
    expect(screen).not.toMatch(/^\s*ning-operation/m);
  });

  it('--watch restarts the server when its files change, and lists again', async () => {
    const cwd = makeTempDir('tui-watch');
    const server = (tool: string) => `
import { McpServer } from '${import.meta.resolve('@modelcontextprotocol/server')}';
import { serveStdio } from '${import.meta.resolve('@modelcontextprotocol/server/stdio')}';
serveStdio(() => {
  const server = new McpServer({ name: 'watched', version: '1.0.0' });
  server.registerTool('${tool}', { description: 'A tool.' }, () => ({ content: [{ type: 'text', text: 'hi' }] }));
  return server;
});
`;
    writeFileSync(join(cwd, 'server.mjs'), server('first_version'));
    ({ session } = startInspector(`--watch -- ${process.execPath} server.mjs`, { cwd }));
    await session.waitFor(/› first_version/);
    writeFileSync(join(cwd, 'server.mjs'), server('second_version'));
    const screen = await session.waitFor(/› second_version/);
    expect(screen).not.toContain('first_version');
    expect(screen).toMatch(/Restarted: server\.mjs changed/);
  });

  it('history: a call is remembered across runs and re-run with Enter', async () => {
    const cwd = makeTempDir('tui-history');
    const state = makeTempDir('tui-history-state');
    const env = { XDG_STATE_HOME: state };
    ({ session } = startInspector(testServer(), { cwd, env }));
    await session.waitFor(/● connected/);
    await session.waitForRawMode();
    session.send('/', '-l', 'echo');
    await session.waitFor(/› echo/);
    session.send('Enter', 'Enter', '-l', 'remember me', 'Enter');
    await session.waitFor(/remember me/);
    session.send('q');
    await session.waitFor(/EXIT=0/);
    session.kill();

    ({ session } = startInspector(testServer(), { cwd, env }));
    await session.waitFor(/● connected/);
    await session.waitForRawMode();
    session.send('h');
    let screen = await session.waitFor(/remember me/);
    expect(screen).toMatch(/echo/);
    session.send('x');
    await session.waitFor(/History exported to/);
    const [file] = readdirSync(cwd).filter((name) => /^mcp-inspect-history-.*\.json$/.test(name));
    expect(JSON.parse(readFileSync(join(cwd, file!), 'utf8'))).toEqual([
      expect.objectContaining({
        kind: 'tool',
        name: 'echo',
        arguments: { text: 'remember me' },
        outcome: 'ok',
      }),
    ]);
    // Enter on the entry runs it again.
    session.send('Enter');
    screen = await session.waitFor(/✓ ok\s+echo/);
    expect(screen).toContain('remember me');
  });
});
