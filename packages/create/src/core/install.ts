import { isAbsolute, join } from 'node:path';
import { formatCommandLine } from './escape.js';
import { tailLines, type CommandRunner } from './runner.js';
import type { PackageManager } from './templates.js';

/** One command of an install. */
export interface InstallStep {
  /** Program to run (a name looked up on PATH, or an absolute path). */
  command: string;
  /** Its arguments. */
  args: string[];
}

/** Inputs of {@link planInstall}. */
export interface InstallOptions {
  /** Package manager chosen for the project. */
  packageManager: PackageManager;
  /** Platform (the venv layout differs on Windows). */
  platform: NodeJS.Platform;
  /** Python interpreter used to create a venv for pip. */
  python: string;
  /** Project folder. */
  projectDir: string;
}

/** The commands that install a project's dependencies (and, for TypeScript, build it). */
export function planInstall(options: InstallOptions): InstallStep[] {
  switch (options.packageManager) {
    case 'uv':
      return [{ command: 'uv', args: ['sync'] }];
    case 'pip': {
      const venvPython =
        options.platform === 'win32'
          ? join('.venv', 'Scripts', 'python.exe')
          : join('.venv', 'bin', 'python');
      return [
        { command: options.python, args: ['-m', 'venv', '.venv'] },
        { command: venvPython, args: ['-m', 'pip', 'install', '--quiet', '-e', '.[dev]'] },
      ];
    }
    case 'npm':
      return [{ command: 'npm', args: ['install'] }];
    case 'pnpm':
      return [{ command: 'pnpm', args: ['install'] }];
  }
}

/** The outcome of {@link runInstall}. */
export type InstallResult =
  { ok: true } | { ok: false; failedStep: InstallStep; reason: string; outputTail: string[] };

/**
 * Run the install steps in order, stopping at the first failure. The package manager's
 * output is kept, and its tail returned on failure.
 */
export async function runInstall(
  steps: readonly InstallStep[],
  projectDir: string,
  env: NodeJS.ProcessEnv,
  runner: CommandRunner,
): Promise<InstallResult> {
  for (const step of steps) {
    // The venv's python is given relative to the project; bare names are looked up on PATH.
    const relative = !isAbsolute(step.command) && /[\\/]/.test(step.command);
    const command = relative ? join(projectDir, step.command) : step.command;
    const result = await runner.run(command, step.args, { cwd: projectDir, env });
    if (result.exitCode !== 0) {
      const reason =
        result.startError ??
        (result.exitCode === undefined
          ? 'it was killed'
          : `it exited with code ${result.exitCode}`);
      return {
        ok: false,
        failedStep: step,
        reason,
        outputTail: tailLines(result.output, 15),
      };
    }
  }
  return { ok: true };
}

/** The steps as lines a person can paste into a shell to finish the install. */
export function formatInstallSteps(
  steps: readonly InstallStep[],
  platform: NodeJS.Platform,
): string[] {
  return steps.map((step) => formatCommandLine([step.command, ...step.args], platform));
}
