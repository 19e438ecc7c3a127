// Reading a server's stderr (and stray stdout) for the causes behind a crash or a hang that a
// person can act on: a missing environment variable, a relative path resolved from `/`, a
// Python package missing or v1 code on mcp 2.x, npx waiting on its install prompt.
import path from 'node:path';
import { sanitizeLine } from '@mcpkit/shared/sanitize';
import { maskSecretsInText, redactKnownSecrets } from '@mcpkit/shared/mask';
import type { Finding, LaunchPlan } from './types.js';

/** Lines of stderr quoted in a finding (the last ones). */
export const STDERR_TAIL_LINES = 15;
/** Characters kept of each quoted line. */
export const DETAIL_LINE_CHARS = 300;

/** An environment variable's name as servers print it (upper case, digits, underscores). */
const NAME = '([A-Z][A-Z0-9_]{1,63})';
/**
 * How servers and their libraries say that a variable is missing; group 1 is its name. The
 * `loose` phrasings ("X is required", "Missing X") count only for names shaped like a
 * variable (with an underscore, or ending in KEY/TOKEN/SECRET/PASSWORD): "URL is required"
 * is about an argument.
 */
const MISSING_ENV_PATTERNS: readonly { pattern: RegExp; loose: boolean }[] = [
  // Python: os.environ["X"]
  { pattern: new RegExp(`KeyError: ['"]${NAME}['"]`), loose: false },
  // "environment variable X", "Environment variable 'X' …", "set the X environment variable"
  { pattern: new RegExp(`[Ee]nvironment variable[: ]+['"\`]?${NAME}\\b`), loose: false },
  { pattern: new RegExp(`\\b${NAME}['"\`]? (?:environment|env) var`), loose: false },
  // "X is not set", "X not set", "X is required"
  {
    pattern: new RegExp(
      `\\b${NAME}['"\`]? (?:is )?(?:not set|unset|not defined|undefined|required|missing|empty)\\b`,
    ),
    loose: true,
  },
  // "Missing X", "missing required environment variable: X"
  {
    pattern: new RegExp(
      `[Mm]issing (?:required )?(?:(?:environment|env) var(?:iable)?s?)?[: ]*['"\`]?${NAME}\\b`,
    ),
    loose: true,
  },
];
const VARIABLE_SHAPED = /_|(?:KEY|TOKEN|SECRET|PASSWORD)$/;
/** Upper-case words that read like a variable but are not one. */
const NOT_VARIABLES = new Set(['ERROR', 'WARNING', 'WARN', 'INFO', 'DEBUG', 'FATAL', 'TODO', 'OK']);

/** A missing file at a path relative to the working folder; group 1 is the path. */
const RELATIVE_FILE_PATTERNS: readonly RegExp[] = [
  // Node: ENOENT: no such file or directory, open './data.json'
  /ENOENT: no such file or directory, \w+ '([^']+)'/,
  // Python: FileNotFoundError: [Errno 2] No such file or directory: 'data.json'
  /No such file or directory: '([^']+)'/,
];

const PYTHON_V1_IMPORT = /No module named '(mcp\.server\.fastmcp)[.']/;
const PYTHON_NO_MCP = /No module named '(mcp)(?:\.[\w.]+)?'/;
const PYTHON_NO_MODULE = /No module named '([\w.]+)'/;
const NODE_NO_MODULE = /Cannot find (?:module|package) '([^']+)'/;
const NPX_PROMPT = /Ok to proceed\?|Need to install the following packages/;

/**
 * Variables of the client's own base environment, which are not secrets (the entry's `env`
 * values are, like everywhere else in mcp-config).
 */
const PUBLIC_VARIABLES =
  /^(?:PATH|Path|PATHEXT|HOME|USERPROFILE|PWD|SHELL|TMPDIR|TMP|TEMP|USER|USERNAME|LOGNAME|LANG|LANGUAGE|LC_\w+|TERM|TZ|NODE_ENV|DISPLAY|XDG_\w+|APPDATA|LOCALAPPDATA|SystemRoot|SYSTEMROOT|windir|WINDIR|ComSpec|COMSPEC|ProgramData|ProgramFiles(?:\(x86\))?|CommonProgramFiles(?:\(x86\))?|__CF_\w+)$/;
/** Values shorter than this are not redacted from text (`true`, `1`, `dev` would be noise). */
const MIN_SECRET_LENGTH = 8;

/**
 * Makes one line of untrusted output fit to quote: no control sequences, secrets masked (the
 * values of the plan's environment and credential-looking text), bounded in length.
 */
export function quoteLine(line: string, env: Record<string, string>): string {
  const secrets = Object.entries(env)
    .filter(([key, value]) => value.length >= MIN_SECRET_LENGTH && !PUBLIC_VARIABLES.test(key))
    .map(([, value]) => value);
  const clean = maskSecretsInText(redactKnownSecrets(sanitizeLine(line), secrets));
  return clean.length > DETAIL_LINE_CHARS ? `${clean.slice(0, DETAIL_LINE_CHARS)}…` : clean;
}

/** The last {@link STDERR_TAIL_LINES} non-empty lines of `stderr`, quoted. */
export function stderrTail(stderr: string, env: Record<string, string>): string[] {
  const lines = stderr.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(-STDERR_TAIL_LINES).map((line) => quoteLine(line, env));
}

/** Variables the output says are missing and the plan's environment indeed lacks. */
export function missingVariables(output: string, env: Record<string, string>): string[] {
  const found = new Set<string>();
  for (const line of output.split('\n')) {
    for (const { pattern, loose } of MISSING_ENV_PATTERNS) {
      const name = pattern.exec(line)?.[1];
      if (!name || NOT_VARIABLES.has(name) || env[name]) continue;
      if (!loose || VARIABLE_SHAPED.test(name)) found.add(name);
    }
  }
  return [...found].slice(0, 5);
}

/** The first missing file whose path is relative (or resolved from `/`) in the output. */
export function relativeMissingFile(output: string): string | undefined {
  for (const pattern of RELATIVE_FILE_PATTERNS) {
    const path = pattern.exec(output)?.[1];
    if (path === undefined) continue;
    const relative =
      !path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(path) && !path.startsWith('\\');
    // An absolute path one level under / is what a relative name becomes from cwd /.
    if (relative || /^\/[^/]+$/.test(path)) return path;
  }
  return undefined;
}

/** Whether a working folder is a root: `/`, or a drive's root on Windows. */
/** The relative argument that `module` (an absolute path in an error) was resolved from. */
function relativeArgOf(module: string, plan: LaunchPlan): string | undefined {
  const p = /^[A-Za-z]:[\\/]/.test(plan.cwd) ? path.win32 : path.posix;
  if (!p.isAbsolute(module)) return undefined;
  return plan.args.find((arg) => !p.isAbsolute(arg) && p.resolve(plan.cwd, arg) === module);
}

export function isRootFolder(cwd: string): boolean {
  return cwd === '/' || /^[A-Za-z]:[\\/]?$/.test(cwd);
}

/**
 * The server's own line that made a failing import: the last traceback frame before the
 * error outside installed packages (site-packages, dist-packages, the standard library).
 */
export function importingFrame(output: string): { file: string; line: number } | undefined {
  const end = output.search(/(?:ModuleNotFoundError|ImportError):/);
  const frames = [
    ...(end === -1 ? output : output.slice(0, end)).matchAll(/File "([^"]+)", line (\d+)/g),
  ];
  for (const frame of frames.reverse()) {
    const file = frame[1]!;
    if (/[\\/](?:site|dist)-packages[\\/]|[\\/]lib[\\/]python\d/.test(file) || file.startsWith('<'))
      continue;
    return { file, line: Number(frame[2]) };
  }
  return undefined;
}

/** Whether the output shows npx waiting on its "Ok to proceed?" install prompt. */
export function showsNpxPrompt(output: string): boolean {
  return NPX_PROMPT.test(output);
}

/**
 * Findings for the causes the server's output names (stderr, plus stray stdout lines),
 * most specific first; empty when it names none. `exit` says how the server ended, for the
 * message ("exited with code 1: …").
 */
export function causesInOutput(
  output: string,
  plan: LaunchPlan,
  exit: string | undefined,
): Finding[] {
  const findings: Finding[] = [];
  const ended = exit ? `${exit}: ` : '';
  const v1 = PYTHON_V1_IMPORT.exec(output);
  if (v1) {
    const frame = importingFrame(output);
    const where = frame ? `${quoteLine(frame.file, plan.env)}:${frame.line} ` : '';
    findings.push({
      code: 'mcp-v1-import',
      severity: 'error',
      message: `${ended}${where}imports mcp.server.fastmcp: the server is mcp 1.x code and the interpreter has mcp 2.x`,
      ...(frame ? { location: { file: quoteLine(frame.file, plan.env), line: frame.line } } : {}),
      why: 'FastMCP became MCPServer in mcp 2.x; importing mcp.server.fastmcp fails, so the server never starts',
      fix: 'change the import to `from mcp.server import MCPServer` and `FastMCP("name")` to `MCPServer("name")`, or pin `mcp<2` in the server\'s dependencies',
    });
  } else if (PYTHON_NO_MCP.test(output)) {
    findings.push({
      code: 'python-no-mcp',
      severity: 'error',
      message: `${ended}No module named 'mcp': the server's Python does not have the mcp package`,
      why: 'the client runs the server with the interpreter in its config, not the one where mcp was installed',
      fix: "install mcp into that interpreter (`uv add mcp` in the project, or `<python> -m pip install mcp`), or point the command at the project's .venv/bin/python",
    });
  } else {
    const module = PYTHON_NO_MODULE.exec(output)?.[1] ?? NODE_NO_MODULE.exec(output)?.[1];
    const relative = module === undefined ? undefined : relativeArgOf(module, plan);
    if (relative !== undefined) {
      // The "module" is the server's own script, named by a relative path in args.
      findings.push({
        code: 'relative-cwd',
        severity: 'error',
        message: `${ended}the server's script '${quoteLine(relative, plan.env)}' is a relative path, read from ${plan.cwd} as ${quoteLine(module!, plan.env)}`,
        why: `the client starts the server in ${plan.cwd}, not in the project folder`,
        fix: 'write the absolute path of the script in args (mcp-config doctor --fix does it when the file is found from here)',
      });
    } else if (module) {
      findings.push({
        code: 'missing-module',
        severity: 'error',
        message: `${ended}the server cannot load the module '${quoteLine(module, plan.env)}'`,
        why: 'the interpreter or folder the client starts the server with lacks one of its dependencies',
        fix: "install the server's dependencies where the command runs (`uv sync`, `npm install`), or use the interpreter/runner of its project",
      });
    }
  }
  const missing = missingVariables(output, plan.env);
  if (missing.length > 0) {
    const names = missing.join(', ');
    findings.push({
      code: 'missing-env',
      severity: 'error',
      message: `${ended}${names} ${missing.length === 1 ? 'is' : 'are'} not set in the environment the client gives the server`,
      why: "the client starts the server with its own small environment plus the entry's env, not your shell's: variables exported in ~/.zshrc or ~/.bashrc never reach it",
      // `"KEY": "…"`, not `KEY=…`: the output's secret masking would mask the latter.
      fix: `add ${missing.map((n) => `"${n}": "…"`).join(', ')} to the entry's "env" in the config file`,
    });
  }
  const file = isRootFolder(plan.cwd) ? relativeMissingFile(output) : undefined;
  if (file !== undefined) {
    findings.push({
      code: 'relative-cwd',
      severity: 'error',
      message: `${ended}the server looks for '${quoteLine(file, plan.env)}' relative to its working folder, which is ${plan.cwd}`,
      why: 'the client starts servers in / (not the project folder), so relative paths point at the root of the disk',
      fix: "pass absolute paths in args, or have the server resolve files next to itself (Python: Path(__file__).parent / 'data.json'; Node: new URL('./data.json', import.meta.url))",
    });
  }
  return findings;
}
