import { join } from 'node:path';
import { formatCommandLine } from './escape.js';
import type { CreatePlan } from './plan.js';
import { pythonModuleName } from './python-module.js';

/** A command to show, with what it does. */
export interface NextStep {
  /** The command line, quoted for the user's shell. */
  command: string;
  /** What it does, in a few words. */
  description: string;
}

/**
 * `npx <tool>@<version>`: the sibling CLI released with this create-mcp-server (`version` is
 * its own), so the line works from any folder and behaves as this release documents.
 */
export function npxTool(tool: 'mcp-inspect' | 'mcp-config', version: string): string[] {
  return ['npx', `${tool}@${version}`];
}

/** The `mcp-config add` line that registers the server with Claude Desktop. */
export function buildRegisterCommand(
  name: string,
  launch: readonly string[],
  version: string,
): string[] {
  return [...npxTool('mcp-config', version), 'add', name, '--', ...launch];
}

/**
 * The commands to run after scaffolding, from `cd` to trying the server in mcp-inspect
 * (pinned to `version`, this package's). `installCommands` are included when dependencies
 * are not installed yet.
 */
export function buildNextSteps(
  plan: CreatePlan,
  platform: NodeJS.Platform,
  installCommands: readonly string[],
  version: string,
): NextStep[] {
  const line = (args: string[]) => formatCommandLine(args, platform);
  const steps: NextStep[] = [
    { command: line(['cd', plan.displayDir]), description: 'enter the project' },
  ];
  for (const command of installCommands)
    steps.push({ command, description: 'install dependencies' });

  const run = runCommand(plan, platform);
  const served =
    plan.transport === 'http'
      ? 'serve over HTTP at http://127.0.0.1:8000/mcp'
      : 'start the server over stdio (Ctrl-C stops it)';
  steps.push({ command: line(run), description: served });
  steps.push({ command: line(testCommand(plan, platform)), description: 'run its tests' });
  const stdioRun = plan.transport === 'http' ? [...run, '--transport', 'stdio'] : run;
  steps.push({
    command: line([...npxTool('mcp-inspect', version), 'tools', '--', ...stdioRun]),
    description: 'list its tools from a client',
  });
  return steps;
}

function runCommand(plan: CreatePlan, platform: NodeJS.Platform): string[] {
  switch (plan.packageManager) {
    case 'uv':
      return ['uv', 'run', plan.name];
    case 'pip':
      return [venvPython(platform), '-m', pythonModuleName(plan.name)];
    case 'npm':
    case 'pnpm':
      return ['node', 'dist/index.js'];
  }
}

function testCommand(plan: CreatePlan, platform: NodeJS.Platform): string[] {
  switch (plan.packageManager) {
    case 'uv':
      return ['uv', 'run', 'pytest'];
    case 'pip':
      return [venvPython(platform), '-m', 'pytest'];
    case 'npm':
      return ['npm', 'test'];
    case 'pnpm':
      return ['pnpm', 'test'];
  }
}

function venvPython(platform: NodeJS.Platform): string {
  return platform === 'win32'
    ? join('.venv', 'Scripts', 'python.exe')
    : join('.venv', 'bin', 'python');
}
