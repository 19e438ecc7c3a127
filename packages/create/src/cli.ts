import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import type { CreateContext, Output } from './commands/create.js';
import { CliError, EXIT } from './core/errors.js';
import type { CreateChoices } from './core/plan.js';
import { DEFAULT_DIRECTORY, DEFAULT_TEMPLATE, TEMPLATES, TRANSPORTS } from './core/templates.js';
import { readVersion } from './version.js';

/** What `main` needs besides argv; everything has a real default in bin.ts. */
export type MainDependencies = Omit<CreateContext, 'yes'>;

/** Build the commander program; `onRun` receives the parsed choices. */
export function createProgram(
  output: Output,
  onRun: (choices: CreateChoices, yes: boolean) => Promise<void>,
): Command {
  const templateList = TEMPLATES.map((t) => `${t.name} (${t.description})`).join(', ');
  return new Command('create-mcp-server')
    .description(
      'Scaffold a Model Context Protocol server that installs, tests and connects on the first try.',
    )
    .version(readVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[directory]', `project folder (default: ${DEFAULT_DIRECTORY}, or the --name)`)
    .option('-t, --template <name>', `${templateList}; default: ${DEFAULT_TEMPLATE}`)
    .option('--name <name>', 'server and package name (default: the folder name made valid)')
    .option(
      '--transport <transport>',
      `${TRANSPORTS.join(' or ')}: the server's default (both are in the code); default: stdio`,
    )
    .option(
      '--pm <manager>',
      'uv or pip (Python; default uv, pip if uv is missing), npm or pnpm (TypeScript; without -t they pick the typescript template)',
    )
    .option('--install', 'install dependencies after scaffolding (default)')
    .option('--no-install', 'only write the files')
    .option('--git', 'git init and make a first commit (default when git exists)')
    .option('--no-git', 'do not create a git repository')
    .option(
      '--register <client>',
      'also add the server to claude-desktop, claude-code, cursor, vscode, windsurf or gemini-cli',
    )
    .option('-y, --yes', 'accept the defaults, never prompt')
    .option(
      '--force',
      'write into a non-empty folder; files of the same name are replaced, copies kept under ~/.mcpkit/backups/create',
    )
    .addHelpText(
      'after',
      `
Examples:
  npx create-mcp-server weather                     # Python (mcp SDK) with uv, stdio
  npx create-mcp-server weather -t fastmcp --pm pip
  npx create-mcp-server weather -t typescript --transport http -y

Without a terminal it never prompts: missing choices take their defaults.`,
    )
    .showHelpAfterError('(run create-mcp-server --help for usage)')
    .configureOutput({ writeOut: output.stdout, writeErr: output.stderr })
    .exitOverride()
    .action(async (directory: string | undefined, options: Record<string, unknown>) => {
      await onRun(
        {
          directory,
          template: options.template as string | undefined,
          name: options.name as string | undefined,
          transport: options.transport as string | undefined,
          pm: options.pm as string | undefined,
          install: options.install as boolean | undefined,
          git: options.git as boolean | undefined,
          force: options.force as boolean | undefined,
          register: options.register as string | undefined,
        },
        options.yes === true,
      );
    });
}

/**
 * Run create-mcp-server with `argv` (without node and script) and return the exit code.
 * Errors become one "Error:" line plus a hint; a stack trace only with DEBUG=1.
 */
export async function main(
  argv: readonly string[],
  dependencies: MainDependencies,
): Promise<number> {
  const { output } = dependencies;
  let exitCode: number = EXIT.ok;
  const program = createProgram(output, async (choices, yes) => {
    // Loaded only when there is something to create, so --help and --version start fast.
    const { runCreate } = await import('./commands/create.js');
    exitCode = await runCreate(choices, { ...dependencies, yes });
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed help, the version or the usage problem already.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      output.stderr(`${pc.red('Error:')} ${error.message}\n`);
      if (error.hint) output.stderr(`${error.hint}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    output.stderr(`${pc.red('Error:')} ${message}\n`);
    if (dependencies.environment.env.DEBUG && error instanceof Error && error.stack) {
      output.stderr(`${error.stack}\n`);
    } else {
      output.stderr('Run again with DEBUG=1 to see the stack trace.\n');
    }
    return EXIT.failure;
  }
}
