import { join, win32 } from 'node:path';
import { formatCommandLine, toMarkdownCode } from './escape.js';
import { pythonModuleName } from './python-module.js';
import type { PackageManager, TemplateInfo, TransportName } from './templates.js';

/** Inputs of {@link buildLaunchCommand} and {@link renderConnectSection}. */
export interface ConnectOptions {
  /** The project's name, which is also its MCP server name. */
  name: string;
  /** The project's template. */
  template: TemplateInfo;
  /** The package manager the project was set up with. */
  packageManager: PackageManager;
  /** Default transport of the generated `main()`. */
  transport: TransportName;
  /** Absolute path of the project folder. */
  projectDir: string;
  /** Platform the client runs on (paths and shell quoting follow it). */
  platform: NodeJS.Platform;
  /** Absolute path of `uv`, when found; GUI clients do not get the shell's PATH. */
  uvPath?: string;
  /** Absolute path of the Node.js binary that runs a TypeScript project. */
  nodePath: string;
}

/**
 * The command (program and arguments) a client runs to start the server over stdio.
 * Every path is absolute, because Claude Desktop starts servers without the shell's PATH
 * and from an unrelated working directory.
 */
export function buildLaunchCommand(options: ConnectOptions): string[] {
  const path = options.platform === 'win32' ? win32.join : join;
  const stdioFlag = options.transport === 'stdio' ? [] : ['--transport', 'stdio'];
  switch (options.packageManager) {
    case 'uv':
      return [
        options.uvPath ?? 'uv',
        '--directory',
        options.projectDir,
        'run',
        options.name,
        ...stdioFlag,
      ];
    case 'pip':
      // The venv's python runs the package (`-m`): pip's console-script launcher breaks
      // when the project path holds a double quote, and a GUI client has no venv active.
      return [
        options.platform === 'win32'
          ? path(options.projectDir, '.venv', 'Scripts', 'python.exe')
          : path(options.projectDir, '.venv', 'bin', 'python'),
        '-m',
        pythonModuleName(options.name),
        ...stdioFlag,
      ];
    case 'npm':
    case 'pnpm':
      return [options.nodePath, path(options.projectDir, 'dist', 'index.js'), ...stdioFlag];
  }
}

/**
 * The README's "Connect" section for this machine: the exact Claude Desktop JSON and the
 * `claude mcp add` line, with every value escaped for JSON and for the user's shell.
 */
export function renderConnectSection(options: ConnectOptions): string {
  const [command = '', ...args] = buildLaunchCommand(options);
  const desktopJson = JSON.stringify(
    { mcpServers: { [options.name]: { command, args } } },
    null,
    2,
  );
  const addLine = formatCommandLine(
    ['claude', 'mcp', 'add', options.name, '--', command, ...args],
    options.platform,
  );
  const lines = [
    '## Connect to Claude Desktop and Claude Code',
    '',
    `Claude Desktop starts the server itself over stdio. Add this entry to the`,
    `${toMarkdownCode('mcpServers')} object of ${toMarkdownCode('claude_desktop_config.json')}`,
    '(Settings → Developer → Edit Config), then restart Claude Desktop:',
    '',
    '```json',
    desktopJson,
    '```',
    '',
    'Claude Code:',
    '',
    '```sh',
    addLine,
    '```',
  ];
  if (options.transport === 'http') {
    lines.push(
      '',
      'Or connect Claude Code to the running HTTP server (start it first):',
      '',
      '```sh',
      formatCommandLine(
        ['claude', 'mcp', 'add', '--transport', 'http', options.name, 'http://127.0.0.1:8000/mcp'],
        options.platform,
      ),
      '```',
    );
  }
  lines.push(
    '',
    'The paths above are absolute because clients start servers without your shell’s',
    'PATH and from another working directory. Move the project, and update them.',
  );
  return lines.join('\n');
}
