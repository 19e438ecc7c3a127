// `mcp-inspect [options] [-- command]` with no command: the interactive inspector.
import { Command } from 'commander';
import { commandIoOf, type MainIo } from './cli-io.js';
import { withCommonOptions } from './cli-flags.js';
import type { InspectFlags } from './commands/options.js';
import { EXIT } from './core/errors.js';

/**
 * Parse `argv` as the inspector's options (those of every command, plus `--watch`) and run
 * it on the terminal; without one, say so and name the commands (exit 2).
 */
export async function runInteractive(
  io: MainIo,
  argv: readonly string[],
  version: string,
): Promise<number> {
  const terminal = io.terminal;
  if (!terminal) {
    io.stderr(
      'Error: the interactive inspector needs a terminal (stdin and stdout are not one).\nUse a command instead, e.g. mcp-inspect tools -- <server command>.\n',
    );
    return EXIT.usage;
  }
  const tui = withCommonOptions(new Command('mcp-inspect'))
    .usage('[options] [-- server command...]')
    .argument('[command...]', 'stdio server command, after --')
    .option(
      '--watch [path]',
      'restart a stdio server when files under path change (default: its folder)',
    )
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  let code: number = EXIT.ok;
  tui.action(async (command: string[], flags: InspectFlags & { watch?: string | true }) => {
    const [{ runTuiWithFlags }, commandIo] = await Promise.all([
      import('./commands/tui.js'),
      commandIoOf(io, version),
    ]);
    const watch = flags.watch === true ? '' : flags.watch;
    code = await runTuiWithFlags(command, flags, { watch }, commandIo, terminal);
  });
  await tui.parseAsync([...argv], { from: 'user' });
  return code;
}
