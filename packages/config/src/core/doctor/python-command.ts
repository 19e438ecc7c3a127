// Reading a server's command line as a Python launch: which interpreter the client ends up
// running, and which script or module it runs — for `python …`, a venv's python, `uv run …`,
// `uvx`/`pipx run`, and scripts with a python shebang.
import type { LaunchPlan } from './types.js';

/** What the server runs: a script file, a module (`-m`), or a console script (`uv run X`). */
export type PythonTarget =
  | { kind: 'script'; value: string }
  | { kind: 'module'; value: string }
  | { kind: 'entry'; value: string };

/** How a Python server is launched, as far as doctor can tell from its command line. */
export type PythonLaunch =
  /** An interpreter doctor can ask: `interpreter` runs in `cwd` with the plan's env. */
  | {
      kind: 'interpreter';
      interpreter: string;
      cwd: string;
      target?: PythonTarget;
      /** For `uv run`: the project folder (where `uv add mcp` belongs). */
      uvProject?: string;
    }
  /** `uvx`/`pipx run`/`uv run --with`: an environment the tool builds and caches itself. */
  | { kind: 'tool-env'; tool: string; spec?: string };

/** `python`, `python3`, `python3.12`, `pythonw`, `py` (with `.exe` on Windows). */
const PYTHON_NAME = /^(?:python(?:w)?(?:\d+(?:\.\d+)?)?|py)(?:\.exe)?$/i;

/** Options of the Python interpreter that take a value. */
const PYTHON_VALUE_OPTIONS = new Set(['-X', '-W', '-Q']);
/** Options of `uv run` (and uv's global ones) that take a value. */
const UV_VALUE_OPTIONS = new Set([
  '--directory',
  '--project',
  '--with',
  '--with-editable',
  '--with-requirements',
  '--python',
  '-p',
  '--env-file',
  '--extra',
  '--group',
  '--only-group',
  '--no-group',
  '--package',
  '--index',
  '--default-index',
  '--index-url',
  '--extra-index-url',
  '--find-links',
  '-f',
  '--cache-dir',
  '--config-file',
  '--color',
  '--script',
  '--gui-script',
  '--refresh-package',
  '--reinstall-package',
  '--upgrade-package',
  '-P',
]);

/** The base name of a path in either syntax. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** Whether `command` names a Python interpreter. */
export function isPythonName(command: string): boolean {
  return PYTHON_NAME.test(baseName(command));
}

function joinPath(dir: string, file: string, windows: boolean): string {
  const sep = windows ? '\\' : '/';
  return dir.endsWith('/') || dir.endsWith('\\') ? dir + file : `${dir}${sep}${file}`;
}

function isAbsolute(file: string): boolean {
  return file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file) || file.startsWith('\\\\');
}

/** The script or module an interpreter's arguments run; undefined for `-c` or a REPL. */
export function pythonTarget(args: readonly string[]): PythonTarget | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-m') return args[i + 1] ? { kind: 'module', value: args[i + 1]! } : undefined;
    if (arg.startsWith('-m') && arg.length > 2) return { kind: 'module', value: arg.slice(2) };
    if (arg === '-c' || arg.startsWith('-c')) return undefined;
    if (PYTHON_VALUE_OPTIONS.has(arg)) {
      i += 1;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return { kind: 'script', value: arg };
  }
  return undefined;
}

/**
 * How `plan` launches Python, or undefined when it is not a Python server. `shebang` is the
 * first line of the command's file when the command is a script (read by the caller).
 * `windows` picks the venv layout (`.venv\Scripts\python.exe`).
 */
export function pythonLaunch(
  plan: LaunchPlan,
  options: { shebang?: string; windows?: boolean } = {},
): PythonLaunch | undefined {
  const windows = options.windows ?? false;
  const command = plan.resolved ?? plan.shellResolved ?? plan.command;
  const name = baseName(plan.command)
    .toLowerCase()
    .replace(/\.exe$/, '');
  if (isPythonName(plan.command)) {
    return {
      kind: 'interpreter',
      interpreter: command,
      cwd: plan.cwd,
      target: pythonTarget(plan.args),
    };
  }
  if (name === 'uvx') return { kind: 'tool-env', tool: 'uvx', spec: toolSpec(plan.args) };
  if (name === 'pipx' && plan.args[0] === 'run') {
    return { kind: 'tool-env', tool: 'pipx run', spec: toolSpec(plan.args.slice(1)) };
  }
  if (name === 'uv') return uvLaunch(plan, windows);
  const shebang = options.shebang?.trim();
  if (shebang?.startsWith('#!') && /python/.test(shebang)) {
    const words = shebang.slice(2).trim().split(/\s+/);
    // `#!/usr/bin/env python3` (or `env -S python3 -u`) runs the python on the PATH.
    const interpreter =
      baseName(words[0] ?? '') === 'env'
        ? (words.slice(1).find((word) => !word.startsWith('-')) ?? 'python3')
        : words[0]!;
    return {
      kind: 'interpreter',
      interpreter,
      cwd: plan.cwd,
      target: { kind: 'script', value: command },
    };
  }
  return undefined;
}

/** The package a `uvx`/`pipx run` line runs (the first argument that is not an option). */
function toolSpec(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--from' || UV_VALUE_OPTIONS.has(arg)) {
      if (arg === '--from') return args[i + 1];
      i += 1;
      continue;
    }
    if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** `uv [opts] run [opts] X …`: the project's venv python, and what X is. */
function uvLaunch(plan: LaunchPlan, windows: boolean): PythonLaunch | undefined {
  const args = plan.args;
  let directory: string | undefined;
  let project: string | undefined;
  let ephemeral = false;
  let sawRun = false;
  let module = false;
  let rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    if (!sawRun) {
      if (arg === 'run') {
        sawRun = true;
        continue;
      }
      if (arg === 'tool' && args[i + 1] === 'run') {
        return { kind: 'tool-env', tool: 'uv tool run', spec: toolSpec(args.slice(i + 2)) };
      }
    }
    if (flag === '-m' || flag === '--module') {
      module = true;
      continue;
    }
    if (UV_VALUE_OPTIONS.has(flag!)) {
      const value = inline ?? args[++i];
      if (flag === '--directory') directory = value;
      if (flag === '--project') project = value;
      if (flag!.startsWith('--with') || flag === '--script') ephemeral = true;
      continue;
    }
    if (flag === '--isolated' || flag === '--no-project') ephemeral = true;
    if (arg.startsWith('-')) continue;
    if (!sawRun) return undefined;
    rest = args.slice(i);
    break;
  }
  if (!sawRun || rest.length === 0) return undefined;
  if (ephemeral) return { kind: 'tool-env', tool: 'uv run', spec: rest[0] };
  const base =
    directory !== undefined && !isAbsolute(directory)
      ? joinPath(plan.cwd, directory, windows)
      : directory;
  const cwd = base ?? plan.cwd;
  const projectDir =
    project === undefined ? cwd : isAbsolute(project) ? project : joinPath(cwd, project, windows);
  const venv = plan.env.UV_PROJECT_ENVIRONMENT
    ? isAbsolute(plan.env.UV_PROJECT_ENVIRONMENT)
      ? plan.env.UV_PROJECT_ENVIRONMENT
      : joinPath(projectDir, plan.env.UV_PROJECT_ENVIRONMENT, windows)
    : joinPath(projectDir, '.venv', windows);
  const interpreter = windows
    ? joinPath(venv, 'Scripts\\python.exe', true)
    : joinPath(venv, 'bin/python', false);
  const [first, ...more] = rest as [string, ...string[]];
  let target: PythonTarget | undefined;
  if (module) target = { kind: 'module', value: first };
  // `uv run mcp run server.py`, `uv run fastmcp run server.py:app`: the CLI runs the file.
  else if ((first === 'mcp' || first === 'fastmcp') && more[0] === 'run' && more[1])
    target = { kind: 'script', value: more[1].replace(/:[\w.]+$/, '') };
  else if (isPythonName(first)) target = pythonTarget(more);
  else if (/\.pyw?$/i.test(first)) target = { kind: 'script', value: first };
  else target = { kind: 'entry', value: first };
  return { kind: 'interpreter', interpreter, cwd, target, uvProject: projectDir };
}
