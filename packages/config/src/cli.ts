import { readFileSync } from 'node:fs';

const HELP = `Usage: mcp-config <command> [options]

Edit MCP client configs (Claude Desktop, Claude Code, Cursor, VS Code) without losing a
byte, and find out why a server does not connect.

No command is available in this version yet: path, list, get, add, remove, doctor and
logs are planned. Until then, add servers by hand as shown in a project's README.

Options:
  -v, --version  print the version
  -h, --help     show this help
`;

/** Run mcp-config with `argv`; returns the exit code. */
export function main(
  argv: readonly string[],
  stdout: (text: string) => void,
  stderr: (text: string) => void,
): number {
  const [first] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    stdout(HELP);
    return 0;
  }
  if (first === '-v' || first === '--version') {
    const url = new URL('../package.json', import.meta.url);
    stdout(`${(JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version}\n`);
    return 0;
  }
  stderr(
    `Error: "mcp-config ${first}" is not available in this version yet.\nRun mcp-config --help to see what is planned.\n`,
  );
  return 2;
}
