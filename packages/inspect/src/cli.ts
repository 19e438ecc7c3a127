import { readFileSync } from 'node:fs';
import { format } from 'node:util';
import { Command, CommanderError } from 'commander';
import { maskSecretsInText } from '@mcpkit/shared/mask';
import { createSafeWriter, type OutputMode } from '@mcpkit/shared/sanitize';
import { runInteractive } from './cli-interactive.js';
import { commandIoOf, type MainIo } from './cli-io.js';
import type * as Commands from './commands/index.js';
import type { ListKind } from './commands/lists.js';
import type { InspectFlags } from './commands/options.js';
import {
  argumentOptions,
  argumentsOf,
  collect,
  withCommonOptions,
  type ArgumentFlags,
} from './cli-flags.js';
import { EXIT } from './core/errors.js';

export type { MainIo } from './cli-io.js';

function readVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

type CommandsModule = typeof Commands;

/**
 * Build the commander program; each action resolves to an exit code via `setExitCode`.
 * `argv` is what it will parse: it tells a mistyped command from a server after `--`.
 */
export function createProgram(
  io: MainIo,
  setExitCode: (code: number) => void,
  argv: readonly string[] = [],
): Command {
  const version = readVersion();
  const program = new Command('mcp-inspect')
    .description('Inspect and call any MCP server from the terminal or from scripts.')
    .usage('<command> [options] [-- server command...]')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run mcp-inspect --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Servers: a command after --, --url URL, or --server NAME (from a client config).
Exit codes: 0 ok, 1 the tool/server reported an error, 2 usage, 3 connection/protocol, 4 timeout.

Examples:
  mcp-inspect tools -- uv run my-server
  mcp-inspect call get_forecast --arg latitude=59.9 --arg longitude=10.7 -- node dist/index.js
  mcp-inspect read weather://codes --url http://127.0.0.1:8000/mcp --bearer "$TOKEN"
  mcp-inspect tools --url https://mcp.example.com/mcp --oauth
  mcp-inspect logout --url https://mcp.example.com/mcp
  mcp-inspect info --era auto --json -- npx -y @modelcontextprotocol/server-everything

Interactive (on a terminal, no command): mcp-inspect [options] -- <server command>,
mcp-inspect --url URL, mcp-inspect --server NAME; add --watch [path] to restart a stdio
server when its files change. Press ? inside for the keys.`,
    );

  const run = async (
    command: string[],
    flags: InspectFlags,
    action: (m: CommandsModule) => Parameters<CommandsModule['runWithFlags']>[3],
  ) => {
    // The SDK and the commands load only when a server is about to be reached.
    const [commands, commandIo] = await Promise.all([
      import('./commands/index.js'),
      commandIoOf(io, version),
    ]);
    setExitCode(await commands.runWithFlags(command, flags, commandIo, action(commands)));
  };

  const lists: [ListKind, string][] = [
    ['tools', 'list the tools'],
    ['resources', 'list the resources'],
    ['templates', 'list the resource templates'],
    ['prompts', 'list the prompts'],
  ];
  for (const [kind, description] of lists) {
    withCommonOptions(
      program
        .command(kind)
        .description(description)
        .argument('[command...]', 'stdio server command, after --'),
    )
      .exitOverride()
      .action((command: string[], flags: InspectFlags) =>
        run(command, flags, (m) => (session, context) => m.runList(kind, session, context)),
      );
  }

  argumentOptions(
    withCommonOptions(
      program
        .command('call')
        .description('call a tool')
        .argument('<tool>')
        .argument('[command...]'),
    ),
  )
    .exitOverride()
    .action((tool: string, command: string[], flags: InspectFlags & ArgumentFlags) =>
      run(
        command,
        flags,
        (m) => (session, context) => m.runCall(tool, argumentsOf(flags), session, context),
      ),
    );

  withCommonOptions(
    program
      .command('read')
      .description('read a resource')
      .argument('<uri>')
      .argument('[command...]'),
  )
    .exitOverride()
    .action((uri: string, command: string[], flags: InspectFlags) =>
      run(command, flags, (m) => (session, context) => m.runRead(uri, session, context)),
    );

  argumentOptions(
    withCommonOptions(
      program
        .command('prompt')
        .description('get a prompt')
        .argument('<name>')
        .argument('[command...]'),
    ),
  )
    .exitOverride()
    .action((name: string, command: string[], flags: InspectFlags & ArgumentFlags) =>
      run(
        command,
        flags,
        (m) => (session, context) => m.runPrompt(name, argumentsOf(flags), session, context),
      ),
    );

  withCommonOptions(
    program
      .command('complete')
      .description('complete an argument of a prompt or resource template')
      .argument('<reference>', 'prompt:<name> or resource:<uri template>')
      .argument('<argument>', 'the argument to complete')
      .argument('[command...]')
      .option('--value <text>', 'what has been typed so far', '')
      .option(
        '--arg <key=value>',
        'an already chosen argument, as context (repeatable)',
        collect,
        [],
      ),
  )
    .exitOverride()
    .action(
      (
        reference: string,
        argument: string,
        command: string[],
        flags: Omit<InspectFlags, 'arg'> & { value: string; arg: string[] },
      ) =>
        run(
          command,
          flags,
          (m) => (session, context) =>
            m.runComplete(reference, argument, flags.value, flags.arg, session, context),
        ),
    );

  withCommonOptions(
    program.command('ping').description('check that the server answers').argument('[command...]'),
  )
    .exitOverride()
    .action((command: string[], flags: InspectFlags) =>
      run(command, flags, (m) => (session, context) => m.runPing(session, context)),
    );

  withCommonOptions(
    program
      .command('info')
      .description('server name, version, protocol era, capabilities, instructions')
      .argument('[command...]'),
  )
    .exitOverride()
    .action((command: string[], flags: InspectFlags) =>
      run(command, flags, (m) => (session, context) => m.runInfo(session, context)),
    );

  program
    .command('logout')
    .description('forget the cached OAuth tokens and client registration of --url')
    .requiredOption('--url <url>', 'the server')
    .exitOverride()
    .action(async (flags: { url: string }) => {
      const { runLogout } = await import('./commands/logout.js');
      setExitCode(await runLogout(flags.url, io));
    });

  // No command, `help [command]`, a mistyped command, or the interactive inspector: options
  // or a server after `--` without a command.
  program
    .argument('[words...]')
    .allowUnknownOption()
    .action(async (words: string[]) => {
      const [first, second] = argv;
      const known = program.commands.map((c) => c.name());
      if (first === undefined && io.terminal) {
        setExitCode(await runInteractive(io, argv, version));
      } else if (first === undefined) {
        io.stderr(program.helpInformation());
        setExitCode(EXIT.usage);
      } else if (
        first === '--' ||
        (first.startsWith('-') && !known.some((k) => words.includes(k)))
      ) {
        setExitCode(await runInteractive(io, argv, version));
      } else if (first.startsWith('-')) {
        const wanted = words.find((word) => known.includes(word));
        io.stderr(
          `Error: unknown option "${first}" before the command.\nThe command comes first: mcp-inspect ${wanted ?? '<command>'} [options] [-- server command...]\n`,
        );
        setExitCode(EXIT.usage);
      } else if (first === 'help' && (second === undefined || known.includes(second))) {
        const command = program.commands.find((c) => c.name() === second);
        io.stdout((command ?? program).helpInformation());
        setExitCode(EXIT.ok);
      } else {
        // Loaded only here: --help and the commands need no suggestions.
        const { suggestNames } = await import('@mcpkit/shared/suggest');
        io.stderr(unknownCommand(first === 'help' ? second! : first, known, suggestNames));
        setExitCode(EXIT.usage);
      }
    });

  return program;
}

/** "unknown command" with the closest commands, or the list of them. */
function unknownCommand(
  word: string,
  known: readonly string[],
  suggestNames: (name: string, names: readonly string[]) => string[],
): string {
  const close = suggestNames(word, known);
  const hint =
    close.length > 0
      ? `Did you mean ${close.map((name) => `"${name}"`).join(' or ')}?`
      : `Commands: ${known.join(', ')}.`;
  return `Error: unknown command "${word}".\n${hint}\n(run mcp-inspect --help for usage)\n`;
}

/**
 * Run mcp-inspect with `argv` (without node and script); returns the exit code. Everything
 * it prints — its own words, server text, the SDK's console warnings — passes the sanitiser
 * on the way out; with `--json` the output is JSON-escaped instead, and SDK warnings are
 * dropped so that stderr carries only the error document.
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  let mode: OutputMode = 'text';
  const safeIo: MainIo = {
    ...io,
    stdout: createSafeWriter(io.stdout, () => mode),
    stderr: createSafeWriter(io.stderr, () => mode),
  };
  const restoreConsole = routeConsole((text) => {
    if (mode === 'text') safeIo.stderr(maskSecretsInText(text));
  });
  try {
    const program = createProgram(safeIo, (code) => (exitCode = code), argv);
    program.hook('preAction', (_program, action) => {
      if (action.opts<{ json?: boolean }>().json) mode = 'json';
    });
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    safeIo.stderr(
      `Error: ${maskSecretsInText(error instanceof Error ? error.message : String(error))}\n`,
    );
    if (io.env.DEBUG && error instanceof Error) safeIo.stderr(`${error.stack}\n`);
    return EXIT.serverError;
  } finally {
    restoreConsole();
  }
}

const CONSOLE_METHODS = ['log', 'info', 'debug', 'warn', 'error'] as const;

/**
 * Send what libraries print with `console.*` (the SDK warns that way, quoting server text)
 * to `write` instead of the raw streams; returns the function that puts console back.
 */
function routeConsole(write: (text: string) => void): () => void {
  const saved = CONSOLE_METHODS.map((name) => console[name]);
  for (const name of CONSOLE_METHODS) {
    console[name] = (...args: unknown[]) => write(`${format(...args)}\n`);
  }
  return () => CONSOLE_METHODS.forEach((name, i) => (console[name] = saved[i]!));
}
