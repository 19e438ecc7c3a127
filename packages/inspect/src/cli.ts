import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';

/** Exit codes of mcp-inspect. */
export const EXIT = { ok: 0, serverError: 1, usage: 2, connection: 3, timeout: 4 } as const;

/** Where output goes, so tests can capture it. */
export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

interface ConnectionFlags {
  url?: string;
  header: string[];
  env: string[];
  cwd?: string;
  era: 'legacy' | 'modern' | 'auto';
  timeout: string;
  json?: boolean;
}

function readVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Build the commander program; `run` performs a parsed command and returns its exit code. */
export function createProgram(output: Output, setExitCode: (code: number) => void): Command {
  const program = new Command('mcp-inspect')
    .description('Inspect and call any MCP server from the terminal or from scripts.')
    .version(readVersion(), '-v, --version', 'print the version')
    .configureOutput({ writeOut: output.stdout, writeErr: output.stderr })
    .exitOverride()
    .addHelpText(
      'after',
      '\nOnly the `tools` command is available in this version; the others in the product plan are not yet.',
    );

  program
    .command('tools')
    .description("list the server's tools")
    .argument('[command...]', 'stdio server command, after --')
    .option('--url <url>', 'Streamable HTTP endpoint instead of a command')
    .option('--header <header>', "HTTP header 'Name: value' (repeatable)", collect, [])
    .option('--env <K=V>', 'environment variable for a stdio server (repeatable)', collect, [])
    .option('--cwd <dir>', 'working directory of a stdio server')
    .addOption(
      new Option('--era <era>', 'protocol era')
        .choices(['legacy', 'modern', 'auto'])
        .default('legacy'),
    )
    .option('--timeout <ms>', 'bound on the handshake and every request', '30000')
    .option('--json', 'print one JSON document')
    .exitOverride()
    .action(async (command: string[], flags: ConnectionFlags) => {
      setExitCode(await runTools(command, flags, output));
    });
  return program;
}

async function runTools(
  command: string[],
  flags: ConnectionFlags,
  output: Output,
): Promise<number> {
  const fail = (code: number, message: string, hint?: string) => {
    if (flags.json) output.stderr(`${JSON.stringify({ error: { code, message } })}\n`);
    else output.stderr(`Error: ${message}\n${hint ? `${hint}\n` : ''}`);
    return code;
  };
  const timeoutMs = Number(flags.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    return fail(
      EXIT.usage,
      `--timeout must be a positive number of milliseconds, not "${flags.timeout}".`,
    );
  const [program, ...args] = command;
  if (!program && !flags.url)
    return fail(
      EXIT.usage,
      'No server given.',
      'Pass a command after -- (e.g. mcp-inspect tools -- uv run my-server) or --url.',
    );
  const headers: Record<string, string> = {};
  for (const header of flags.header) {
    const colon = header.indexOf(':');
    if (colon <= 0)
      return fail(EXIT.usage, `Bad --header "${header}".`, "Write it as 'Name: value'.");
    headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
  }
  const env: Record<string, string> = {};
  for (const pair of flags.env) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      return fail(EXIT.usage, `Bad --env "${pair.split('=')[0]}".`, 'Write it as KEY=value.');
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }

  // The SDK is the bulk of start-up time; load it only once a server is to be reached.
  const [{ openSession, listAllTools }, { formatToolList }] = await Promise.all([
    import('./core/session.js'),
    import('./commands/tools.js'),
  ]);
  let session;
  try {
    session = await openSession(
      flags.url
        ? { kind: 'http', url: flags.url, headers }
        : { kind: 'stdio', command: program!, args, env, cwd: flags.cwd },
      { era: flags.era, timeoutMs },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = /timed? ?out/i.test(message) ? EXIT.timeout : EXIT.connection;
    return fail(code, `Could not connect to the server: ${message}`);
  }
  try {
    const tools = await listAllTools(session, timeoutMs);
    output.stdout(flags.json ? `${JSON.stringify({ tools }, null, 2)}\n` : formatToolList(tools));
    return EXIT.ok;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(
      /timed? ?out/i.test(message) ? EXIT.timeout : EXIT.serverError,
      `tools/list failed: ${message}`,
    );
  } finally {
    await session.close();
  }
}

/** Run mcp-inspect with `argv`; returns the exit code. */
export async function main(argv: readonly string[], output: Output): Promise<number> {
  let exitCode: number = EXIT.ok;
  try {
    await createProgram(output, (code) => (exitCode = code)).parseAsync([...argv], {
      from: 'user',
    });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    output.stderr(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.serverError;
  }
}
