import { describe, expect, it } from 'vitest';
import type { ConfiguredServerSummary } from '@mcpkit/shared/configured-servers';
import { renderInk } from '../../../../../test/support/ink.js';
import { ServerPicker } from './ServerPicker.js';

const server = (
  name: string,
  client: ConfiguredServerSummary['client'],
  summary: string,
): ConfiguredServerSummary => ({
  name,
  client,
  scope: 'user',
  file: `/home/me/${client}.json`,
  summary,
  shadowed: false,
});

const SERVERS = [
  server('weather', 'claude-desktop', 'uv run weather'),
  server('github', 'cursor', 'https://user:secret@api.example.com/mcp?token=abc'),
  server('filesystem', 'claude-code', 'npx -y @modelcontextprotocol/server-filesystem /tmp'),
];

describe('ServerPicker', () => {
  it('lists name, client and command, with credentials masked', async () => {
    const app = await renderInk(
      <ServerPicker servers={SERVERS} problems={[]} onPick={() => {}} onQuit={() => {}} />,
    );
    const frame = app.lastFrame()!;
    expect(frame).toMatch(/› weather +claude-desktop +uv run weather/);
    expect(frame).toMatch(/github +cursor/);
    expect(frame).not.toContain('secret');
    expect(frame).not.toContain('abc');
  });

  it('/ filters fuzzily; Enter picks the best match', async () => {
    let picked: ConfiguredServerSummary | undefined;
    const app = await renderInk(
      <ServerPicker
        servers={SERVERS}
        problems={[]}
        onPick={(s) => (picked = s)}
        onQuit={() => {}}
      />,
    );
    await app.type('/', 'f', 's', '\r');
    expect(app.lastFrame()).not.toContain('weather');
    await app.type('\r');
    expect(picked?.name).toBe('filesystem');
  });

  it('j then Enter picks the second; q quits without a pick', async () => {
    let picked: ConfiguredServerSummary | undefined;
    let quit = false;
    const app = await renderInk(
      <ServerPicker
        servers={SERVERS}
        problems={[{ file: '/p/.mcp.json', message: 'not valid JSON at 1:2' }]}
        onPick={(s) => (picked = s)}
        onQuit={() => (quit = true)}
      />,
    );
    expect(app.lastFrame()).toContain('/p/.mcp.json: not valid JSON at 1:2');
    await app.type('j', '\r');
    expect(picked?.name).toBe('github');
    const other = await renderInk(
      <ServerPicker
        servers={SERVERS}
        problems={[]}
        onPick={(s) => (picked = s)}
        onQuit={() => (quit = true)}
      />,
    );
    await other.type('q');
    expect(quit).toBe(true);
  });

  it('says how to start a server directly when no config defines one', async () => {
    const app = await renderInk(
      <ServerPicker servers={[]} problems={[]} onPick={() => {}} onQuit={() => {}} />,
    );
    expect(app.lastFrame()).toContain('mcp-inspect -- <command>');
  });
});
