import { readFileSync } from 'node:fs';
import { format } from 'node:util';
import { Command, CommanderError, Option } from 'commander';
import { maskSecretsInText } from '@mcpkit/shared/mask';
import { createSafeWriter, type OutputMode } from '@mcpkit/shared/sanitize';
import type { CommandIo } from './commands/common.js';
import type * as Commands from './commands/index.js';
import type { ListKind } from './commands/lists.js';
import type { InspectFlags } from './commands/options.js';
import { EXIT } from './core/errors.js';

/** The world outside main(): output streams, environment, Ctrl-C. */
export interface MainIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  interrupt: AbortSignal;
  /** Home directory: client configs and the OAuth token cache (default: the user's). */
  homedir?: string;
  /** Platform whose client config locations apply (default: this machine's). */
  platform?: NodeJS.Platform;
}

function readVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

const collect = (value: string, previous: string[]) => [...previous, value];

type CommandsModule = typeof Commands;

/** The connection and output flags every command takes. */
function withCommonOptions(command: Command): Command {
  command
    .option('--url <url>', 'Streamable HTTP endpoint (falls back to legacy SSE)')
    .option('--sse', 'use the legacy HTTP+SSE transport for --url')
    .option('--header <header>', "HTTP header 'Name: value' (repeatable)", collect, [])
    .option('--bearer <token>', 'bearer token for --url (default: $MCP_BEARER_TOKEN)')
    .option(
      '--env <KEY=VALUE>',
      'environment variable for a stdio server (repeatable)',
      collect,
      [],
    )
    .option('--cwd <dir>', 'working directory of a stdio server')
    .option('--server <name>', "a server from a client's config, launched as that client would")
    .option(
      '--client <client>',
      'whose config --server reads: claude-desktop (default), claude-code, cursor, vscode, windsurf, gemini-cli',
    )
    .option('--config <file>', 'read --server from this config file')
    .addOption(
      new Option(
        '--era <era>',
        'protocol era: legacy (2025, initialize), modern (2026-07-28), auto (default: legacy, or modern when the server refuses the 2025 handshake)',
      ).choices(['legacy', 'modern', 'auto']),
    )
    .option(
      '--timeout <ms>',
      'bound on the handshake and on each wait for a reply (reset by progress)',
      '30000',
    )
    .option(
      '--max-time <ms>',
      'bound on the whole of one request, which progress cannot extend (default: 10 x --timeout)',
    )
    .option(
      '--max-size <size>',
      'largest message accepted from the server, and largest list across its pages (e.g. 64MiB)',
      '64MiB',
    )
    .option('--json', 'print exactly one JSON document on stdout; errors as JSON on stderr')
    .option('--stderr', "print the server's stderr as it comes")
    .option(
      '--root <dir>',
      'offer this directory as a root (repeatable; default: none)',
      collect,
      [],
    )
    .option(
      '--elicit <policy>',
      'answer elicitation: decline, accept-defaults or json:FILE',
      'decline',
    )
    .option('--sample <policy>', 'answer sampling: decline or reply:TEXT', 'decline');
  return withOAuthOptions(command);
}

/** The OAuth flags (for --url): see `mcp-inspect --help`. */
function withOAuthOptions(command: Command): Command {
  return command
    .option('--oauth', 'sign in with OAuth (MCP authorization); tokens are cached in ~/.mcpkit')
    .option(
      '--oauth-headless',
      'authorize without a browser: fetch the URL and follow its redirects (auto-approving servers, CI)',
    )
    .addOption(
      new Option('--oauth-grant <grant>', 'OAuth grant')
        .choices(['authorization_code', 'client_credentials'])
        .default(undefined, 'authorization_code'),
    )
    .option('--oauth-client-id <id>', 'a pre-registered OAuth client (default: register one)')
    .option(
      '--oauth-client-secret <secret>',
      'its secret (default: $MCP_OAUTH_CLIENT_SECRET; prefer the variable)',
    )
    .option(
      '--oauth-client-metadata-url <url>',
      'https URL of a Client ID Metadata Document, used as the client_id where supported',
    )
    .option(
      '--oauth-client-key <file>',
      'PEM private key for private_key_jwt client authentication',
    )
    .option('--oauth-client-key-alg <alg>', 'its signing algorithm (default: RS256)')
    .option('--oauth-scope <scope>', 'scope to request (default: chosen from the server)')
    .option(
      '--oauth-redirect-port <port>',
      'fixed loopback port for the redirect URI http://127.0.0.1:PORT/callback',
    )
    .option(
      '--oauth-timeout <ms>',
      'how long to wait for the browser to come back (default: 300000)',
    );
}

/** `--arg`, `--args` and `--no-validate`, as commander hands them over. */
interface ArgumentFlags {
  arg: string[];
  args?: string;
  validate: boolean;
}

const argumentOptions = (command: Command) =>
  command
    .option('--arg <key=value>', 'one argument, coerced by the schema (repeatable)', collect, [])
    .option('--args <json>', 'all arguments as a JSON object')
    .option('--no-validate', 'send the arguments without checking them against the schema');

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

The interactive inspector (no command) is not available in this version yet.`,
    );

  const run = async (
    command: string[],
    flags: InspectFlags,
    action: (m: CommandsModule) => Parameters<CommandsModule['runWithFlags']>[3],
  ) => {
    // The SDK and the commands load only when a server is about to be reached.
    const [commands, os] = await Promise.all([import('./commands/index.js'), import('node:os')]);
    const commandIo: CommandIo = {
      ...io,
      homedir: io.homedir ?? os.homedir(),
      platform: io.platform ?? process.platform,
      version,
    };
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

  // No command, `help [command]`, a mistyped command, or a server after `--` alone (the
  // interactive inspector, not in this version).
  program
    .argument('[words...]')
    .allowUnknownOption()
    .action(async (words: string[]) => {
      const [first, second] = argv;
      const known = program.commands.map((c) => c.name());
      if (first === undefined) {
        io.stderr(program.helpInformation());
        setExitCode(EXIT.usage);
      } else if (first === '--' || words.length === 0) {
        io.stderr(
          'Error: the interactive inspector is not available in this version yet.\nUse a command, e.g. mcp-inspect tools -- <server command>.\n',
        );
        setExitCode(EXIT.usage);
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

/** Arguments of `call` and `prompt` from their flags. */
const argumentsOf = (flags: ArgumentFlags) => ({
  arg: flags.arg,
  args: flags.args,
  validate: flags.validate,
});

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
