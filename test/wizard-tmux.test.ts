import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, makeTempDir } from './support/paths.js';
import { startTmux, type TmuxSession } from './support/tmux.js';

/** Run create-mcp-server in a real terminal; the shell prints its exit code afterwards. */
function startWizard(cwd: string, args = ''): TmuxSession {
  // `env -u CI`: the wizard must not depend on CI detection, only on the terminal.
  return startTmux(
    `env -u CI ${process.execPath} ${BIN.create} ${args}; echo "EXIT=$?"; sleep 60`,
    { cwd },
  );
}

describe('the wizard in a real terminal (tmux)', () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.kill());

  it('asks for the missing choices with arrow keys and Enter, then creates the project', async () => {
    const cwd = makeTempDir('tmux');
    session = startWizard(cwd, '--no-install --no-git');
    await session.waitFor(/\? Project folder/);
    // Ink switches the terminal to raw mode just after its first frame; type after that.
    await session.waitForRawMode();
    session.send('-l', 'tmux-app');
    session.send('Enter');
    await session.waitFor(/\? Template/);
    session.send('Down', 'Enter'); // python → fastmcp
    await session.waitFor(/\? Default transport/);
    session.send('Down', 'Enter'); // stdio → http
    await session.waitFor(/\? Package manager/);
    session.send('Enter');
    const screen = await session.waitFor(/EXIT=\d+/);
    expect(screen).toContain('✔ Project folder: tmux-app');
    expect(screen).toContain('✔ Template: fastmcp');
    expect(screen).toContain('✔ Default transport: http');
    expect(screen).toContain('Next steps:');
    expect(screen).toContain('EXIT=0');
    const pkg = join(cwd, 'tmux-app', 'src', 'tmux_app');
    expect(readFileSync(join(pkg, 'server.py'), 'utf8')).toContain('from fastmcp import');
    expect(readFileSync(join(pkg, 'cli.py'), 'utf8')).toContain('DEFAULT_TRANSPORT = "http"');
  });

  it.each([
    ['Ctrl-C', 'C-c'],
    ['Esc', 'Escape'],
  ])('%s cancels, says so exactly once, writes nothing and exits 130', async (_, key) => {
    const cwd = makeTempDir('tmux-cancel');
    session = startWizard(cwd, '--no-install --no-git');
    await session.waitFor(/\? Project folder/);
    await session.waitForRawMode();
    session.send('-l', 'half-typed');
    session.send('Enter');
    await session.waitFor(/\? Template/);
    session.send(key);
    const screen = await session.waitFor(/EXIT=\d+/);
    expect(screen.match(/Cancelled: nothing was written\./g)).toHaveLength(1);
    expect(screen).not.toContain('Error:');
    expect(screen).toContain('EXIT=130');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('with every choice given as flags, asks nothing', async () => {
    const cwd = makeTempDir('tmux-flags');
    session = startWizard(
      cwd,
      'app -t typescript --transport stdio --pm npm --no-install --no-git',
    );
    const screen = await session.waitFor(/EXIT=\d+/);
    expect(screen).not.toContain('?');
    expect(screen).toContain('EXIT=0');
    expect(existsSync(join(cwd, 'app', 'package.json'))).toBe(true);
  });
});
