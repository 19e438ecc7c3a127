import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { CommandIo, GlobalFlags, MainIo } from './commands/context.js';
import { EXIT } from './errors.js';
import { colourEnabled, createSafeWriter, type OutputMode } from '@mcpkit/shared/sanitize';

export type { MainIo } from './commands/context.js';

function readVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The options every command takes: which client, file, scope and platform. */
function withTargetOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--client <client>',
        'claude-desktop (default), claude-code, cursor, vscode, windsurf, gemini-cli',
      ).choices(['claude-desktop', 'claude-code', 'cursor', 'vscode', 'windsurf', 'gemini-cli']),
    )
    .option('--config <file>', "use this file instead of the client's own")
    .addOption(
      new Option('--scope <scope>', "which of the client's files: user, project or local").choices([
        'user',
        'project',
        'local',
      ]),
    )
    .addOption(
      new Option('--platform <os>', 'compute paths for this OS').choices([
        'darwin',
        'win32',
        'linux',
      ]),
    );
}

const jsonOption = (command: Command) =>
  command.option('--json', 'print exactly one JSON document; errors as JSON on stderr');
const secretsOption = (command: Command) =>
  command.option('--show-secrets', 'show env and header values instead of ****');
const dryRunOption = (command: Command) =>
  command
    .option('--dry-run', 'print the change as a unified diff and write nothing')
    .option(
      '--allow-read-only',
      'change a config file even if its mode makes it read-only (the mode is kept)',
    );

/** Build the commander program; each action resolves to an exit code via `setExitCode`. */
export function createProgram(io: MainIo, setExitCode: (code: number) => void): Command {
  const version = readVersion();
  const program = new Command('mcp-config')
    .description(
      'Add, list and remove MCP servers in the config files of Claude Desktop, Claude Code, Cursor, VS Code, Windsurf and Gemini CLI, changing nothing but the entry itself.',
    )
    .usage('<command> [options]')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run mcp-config --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Every change is atomic, takes a lock, and keeps a backup (mcp-config backup list).
Exit codes: 0 ok, 1 failure (invalid file, unknown server, write failed, a server doctor
found failing), 2 usage, 130 interrupted.

Examples:
  mcp-config add weather -- uv run --directory ~/src/weather weather-server
  mcp-config add github --env GITHUB_TOKEN -- npx -y @modelcontextprotocol/server-github
  mcp-config add docs --url https://example.com/mcp --header 'Authorization: Bearer abc'
  mcp-config list --client claude-code --json
  mcp-config remove weather --dry-run
  mcp-config doctor              why doesn't Claude Desktop see my server?
  mcp-config doctor weather --fix
  mcp-config logs weather -f --level warn`,
    );

  /** Run one command; only its own module (and what it needs) is loaded. */
  const run = async (
    flags: GlobalFlags,
    load: () => Promise<(io: CommandIo) => Promise<number>>,
  ) => {
    // Both module graphs load at once: one wave of file reads instead of two.
    const command = load();
    command.catch(() => undefined); // awaited (and reported) inside runCommand
    const { runCommand } = await import('./commands/context.js');
    setExitCode(
      await runCommand(flags, { ...io, version }, async (commandIo) => (await command)(commandIo)),
    );
  };

  jsonOption(withTargetOptions(program.command('path')))
    .description('show the config file in use and every candidate the client may read')
    .exitOverride()
    .action((flags: GlobalFlags) =>
      run(flags, async () => {
        const { runPath } = await import('./commands/path.js');
        return (cio) => runPath(flags, cio);
      }),
    );

  secretsOption(jsonOption(withTargetOptions(program.command('list'))))
    .description('list the configured servers')
    .exitOverride()
    .action((flags: GlobalFlags) =>
      run(flags, async () => {
        const { runList } = await import('./commands/list.js');
        return (cio) => runList(flags, cio);
      }),
    );

  secretsOption(jsonOption(withTargetOptions(program.command('get').argument('<name>'))))
    .description('show one server entry')
    .exitOverride()
    .action((name: string, flags: GlobalFlags) =>
      run(flags, async () => {
        const { runGet } = await import('./commands/list.js');
        return (cio) => runGet(name, flags, cio);
      }),
    );

  secretsOption(
    dryRunOption(
      withTargetOptions(
        program
          .command('add')
          .argument('<name>', 'name of the server entry')
          .argument('[command...]', 'a local server: its command and arguments, after --'),
      ),
    ),
  )
    .description('add a server (a command after --, or --url)')
    .usage(
      "<name> [options] -- <command> [args...]\n       mcp-config add <name> --url <url> [--header 'K: V' ...] [options]",
    )
    .option('--url <url>', 'a remote (Streamable HTTP) server')
    .option('--header <header>', "HTTP header 'Name: value' for --url (repeatable)", collect, [])
    .option(
      '--env <KEY[=VALUE]>',
      'environment variable; KEY alone takes the value from your environment (repeatable)',
      collect,
      [],
    )
    .option('--force', 'replace an entry of the same name')
    .option('--no-resolve', 'write the command as typed, without looking it up on PATH')
    .exitOverride()
    .action((name: string, command: string[], flags: GlobalFlags) =>
      run(flags, async () => {
        const { runAdd } = await import('./commands/add.js');
        return (cio) => runAdd(name, command, flags, cio);
      }),
    );

  secretsOption(dryRunOption(withTargetOptions(program.command('remove').argument('<name>'))))
    .description('remove a server')
    .exitOverride()
    .action((name: string, flags: GlobalFlags) =>
      run(flags, async () => {
        const { runRemove } = await import('./commands/remove.js');
        return (cio) => runRemove(name, flags, cio);
      }),
    );

  program
    .command('logs')
    .argument('[name]', "one server's records only")
    .addOption(
      new Option(
        '--client <client>',
        'claude-desktop (default), claude-code; others keep no log file mcp-config reads',
      ).choices(['claude-desktop', 'claude-code', 'cursor', 'vscode', 'windsurf', 'gemini-cli']),
    )
    .addOption(
      new Option('--platform <os>', 'compute paths for this OS').choices([
        'darwin',
        'win32',
        'linux',
      ]),
    )
    .description("show the client's MCP logs: the last records, then (-f) new ones")
    .option('-f, --follow', 'keep printing records as they are written (Ctrl-C stops)')
    .option('-n, --lines <N>', 'how many records (a record may span several lines)', '50')
    .option('--since <T>', 'only records since a duration ago (30s, 10m, 2h, 1d) or a date/time')
    .option('--level <L>', 'only records at this level or above: debug, info, warn, error')
    .option('--json', 'one JSON object per record and line (NDJSON), for scripts')
    .exitOverride()
    .action(async (name: string | undefined, flags: GlobalFlags) => {
      // Not through run(): logs needs none of the config-editing modules it loads.
      const { runLogsCommand } = await import('./commands/logs.js');
      setExitCode(await runLogsCommand(name, flags, { ...io, version }));
    });

  secretsOption(
    dryRunOption(
      jsonOption(
        withTargetOptions(program.command('doctor').argument('[name]', 'check only this server')),
      ),
    ),
  )
    .description(
      'find out why the client does not connect to a server: checks each one as the client would start it, and --fix applies the safe fixes',
    )
    .option('--fix', 'apply the safe fixes (diff shown, backup kept), then check again')
    .option('-y, --yes', 'with --fix: apply without asking')
    .option(
      '--timeout <seconds>',
      "how long to wait for each server (default: the client's own limit, 60 s for Claude Desktop)",
    )
    .exitOverride()
    .action((name: string | undefined, flags: GlobalFlags) =>
      run(flags, async () => {
        const { runDoctorCommand } = await import('./commands/doctor.js');
        return (cio) => runDoctorCommand(name, flags, cio);
      }),
    );

  const backup = program
    .command('backup')
    .description('list the backups kept of a config file')
    .exitOverride();
  jsonOption(withTargetOptions(backup.command('list')))
    .description('list the backups of the config file, newest first')
    .exitOverride()
    .action((flags: GlobalFlags) =>
      run(flags, async () => {
        const { runBackupList } = await import('./commands/backup.js');
        return (cio) => runBackupList(flags, cio);
      }),
    );

  secretsOption(
    dryRunOption(
      withTargetOptions(
        program
          .command('restore')
          .argument('[backup]', 'a backup file or its name (default: the newest)'),
      ),
    ),
  )
    .description('put a backup back in place (the current file is backed up first)')
    .exitOverride()
    .action((backupName: string | undefined, flags: GlobalFlags) =>
      run(flags, async () => {
        const { runRestore } = await import('./commands/backup.js');
        return (cio) => runRestore(backupName, flags, cio);
      }),
    );

  return program;
}

/**
 * Run mcp-config with `argv` (without node and script); returns the exit code. Everything
 * it prints passes the sanitiser on the way out (server names and values from a config are
 * untrusted text); with `--json` the output is JSON-escaped instead.
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  let mode: OutputMode = 'text';
  const safeIo: MainIo = {
    ...io,
    stdout: createSafeWriter(
      io.stdout,
      () => mode,
      () => colourEnabled(io.env, io.stdoutIsTTY === true),
    ),
    stderr: createSafeWriter(io.stderr, () => mode),
  };
  try {
    const program = createProgram(safeIo, (code) => (exitCode = code));
    if (argv.length === 0) {
      safeIo.stdout(program.helpInformation());
      return EXIT.ok;
    }
    program.hook('preAction', (_program, action) => {
      if (action.opts<{ json?: boolean }>().json) mode = 'json';
    });
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // `help` and `--version` end through exitOverride too.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    safeIo.stderr(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (io.env.DEBUG && error instanceof Error) safeIo.stderr(`${error.stack}\n`);
    return EXIT.failure;
  }
}
