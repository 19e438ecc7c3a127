// The Python check of `mcp-config doctor`: ask the interpreter the client would use which
// Python it is and which mcp it has, and read the server's code for the mcp 1.x → 2.x rename.
import { quoteLine } from './stderr-causes.js';
import { pythonLaunch, type PythonLaunch, type PythonTarget } from './python-command.js';
import type { Finding, LaunchPlan } from './types.js';

/** What a finished (or stopped) process gave back. */
export interface ProcessResult {
  /** Exit code; null when it did not start, timed out or was killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why it did not start (`ENOENT`, `EACCES`), when it did not. */
  error?: string;
  /** It ran past `timeoutMs` and was killed with its process group. */
  timedOut?: boolean;
}

/** Options of one {@link ProcessRunner} run. */
export interface ProcessRunOptions {
  /** The complete environment (nothing inherited). */
  env: Record<string, string>;
  cwd: string;
  /** Killed (with its process group) after this long. */
  timeoutMs: number;
  /** Aborting it kills the program (with its process group) at once. */
  signal?: AbortSignal;
}

/** Runs a program to completion, stdin closed; never rejects. */
export type ProcessRunner = (
  command: string,
  args: readonly string[],
  options: ProcessRunOptions,
) => Promise<ProcessResult>;

/** Options of {@link checkPython}. */
export interface PythonCheckOptions {
  /** The first bytes of a file (to read a script's shebang); undefined when unreadable. */
  readHead?: (file: string) => Promise<string | undefined>;
  /** Windows venv layout (`.venv\Scripts\python.exe`). Default false. */
  windows?: boolean;
  /** Bound on asking the interpreter, in ms (default 10 s). */
  timeoutMs?: number;
  /** Ctrl-C: the interpreter is stopped at once. */
  signal?: AbortSignal;
}

/** What the probe prints: the interpreter, its packages and what the server's code imports. */
interface ProbeResult {
  version: string;
  executable: string;
  mcp: string | null;
  fastmcp: string | null;
  script?: string;
  v1Import?: { line: number; text: string };
  v2Import?: { line: number; text: string };
}

/**
 * Python run with `-c` in the interpreter: prints its version and executable, the versions
 * of mcp and fastmcp, and — for the server's script, module or console script (found with
 * find_spec, which does not run it) — the first line importing the 1.x `mcp.server.fastmcp`
 * or the 2.x `MCPServer`. Reads at most 20 000 lines; prints one JSON line.
 */
export const PYTHON_PROBE = String.raw`
import sys, json, os, re
import importlib.metadata as md, importlib.util as iu
out = {"version": sys.version.split()[0], "executable": sys.executable}
for name in ("mcp", "fastmcp"):
    try:
        out[name] = md.version(name)
    except Exception:
        out[name] = None
def origin(mod):
    try:
        spec = iu.find_spec(mod)
        o = spec.origin if spec else None
        return o if o and o.endswith(".py") else None
    except Exception:
        return None
kind, value = (sys.argv[1:3] + ["", ""])[:2]
path = None
if kind == "script":
    path = value
elif kind == "module":
    path = origin(value)
elif kind == "entry":
    try:
        for ep in md.entry_points(group="console_scripts"):
            if ep.name == value:
                path = origin(ep.value.split(":")[0].strip())
                break
    except Exception:
        pass
V1 = re.compile(r"\s*(from\s+mcp\.server\.fastmcp\b|import\s+mcp\.server\.fastmcp\b|from\s+mcp\.server\s+import\s+[^#]*\bFastMCP\b)")
V2 = re.compile(r"\s*(from\s+mcp\.server(\.mcpserver)?\s+import\s+[^#]*\bMCPServer\b)")
if path:
    out["script"] = os.path.abspath(path)
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for i, line in enumerate(f, 1):
                if i > 20000:
                    break
                for key, rx in (("v1Import", V1), ("v2Import", V2)):
                    if key not in out and rx.match(line):
                        out[key] = {"line": i, "text": line.strip()[:200]}
    except Exception:
        pass
print(json.dumps(out))
`;

/** Default bound on asking the interpreter. */
export const PYTHON_PROBE_TIMEOUT_MS = 10_000;

/**
 * The Python findings for a server: empty when it is not a Python server. Runs the
 * interpreter the client would use (with the plan's environment, in the folder the server
 * runs in) once, bounded in time, and reports it (`python-interpreter`), a missing `mcp`
 * (`python-no-mcp`), v1 code on mcp 2.x (`mcp-v1-import`) and 2.x code on mcp 1.x
 * (`mcp-too-old`).
 */
export async function checkPython(
  plan: LaunchPlan,
  run: ProcessRunner,
  options: PythonCheckOptions = {},
): Promise<Finding[]> {
  const command = plan.resolved ?? plan.shellResolved ?? plan.command;
  const shebang = options.readHead ? await options.readHead(command) : undefined;
  const launch = pythonLaunch(plan, { shebang: shebang?.split('\n')[0], windows: options.windows });
  if (!launch) return [];
  if (launch.kind === 'tool-env') return [toolEnvFinding(launch)];
  const target: PythonTarget | undefined = launch.target;
  const result = await run(
    launch.interpreter,
    ['-c', PYTHON_PROBE, ...(target ? [target.kind, target.value] : [])],
    {
      env: plan.env,
      cwd: launch.cwd,
      timeoutMs: options.timeoutMs ?? PYTHON_PROBE_TIMEOUT_MS,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  const probe = parseProbe(result.stdout);
  if (!probe) return [probeFailure(launch, result, plan)];
  return probeFindings(probe, launch);
}

function parseProbe(stdout: string): ProbeResult | undefined {
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    const parsed = JSON.parse(line) as Partial<ProbeResult>;
    if (typeof parsed.version !== 'string' || typeof parsed.executable !== 'string')
      return undefined;
    return parsed as ProbeResult;
  } catch {
    return undefined;
  }
}

function major(version: string | null): number | undefined {
  const value = version ? Number.parseInt(version, 10) : Number.NaN;
  return Number.isNaN(value) ? undefined : value;
}

function probeFindings(
  probe: ProbeResult,
  launch: Extract<PythonLaunch, { kind: 'interpreter' }>,
): Finding[] {
  // Paths and versions: sanitized, not redacted (a fix must stay a command one can run).
  const q = (text: string) => quoteLine(text, {});
  const at = q(probe.executable || launch.interpreter);
  const packages = [
    probe.mcp ? `mcp ${q(probe.mcp)}` : 'no mcp',
    ...(probe.fastmcp ? [`fastmcp ${q(probe.fastmcp)}`] : []),
  ].join(', ');
  const findings: Finding[] = [
    {
      code: 'python-interpreter',
      severity: 'info',
      message: `Python ${q(probe.version)} at ${at}, ${packages}`,
    },
  ];
  if (!probe.mcp) {
    const install = launch.uvProject
      ? `cd ${q(launch.uvProject)} && uv add mcp`
      : `${at} -m pip install mcp`;
    findings.push({
      code: 'python-no-mcp',
      severity: 'error',
      message: `the interpreter the client runs (${at}) does not have the mcp package`,
      why: "the server fails at `import mcp` (No module named 'mcp'): mcp was installed into another Python than the one in the config",
      fix: `${install} (or point the command at the Python of the project where mcp is installed)`,
    });
  }
  const mcpMajor = major(probe.mcp);
  const script = probe.script ? q(probe.script) : undefined;
  if (probe.v1Import && mcpMajor !== undefined && mcpMajor >= 2) {
    findings.push({
      code: 'mcp-v1-import',
      severity: 'error',
      message: `${script ?? 'the server'}:${probe.v1Import.line} imports mcp.server.fastmcp, which mcp ${q(probe.mcp!)} no longer has: FastMCP became MCPServer in mcp 2.x`,
      why: "the import fails (No module named 'mcp.server.fastmcp'), so the server exits before the handshake",
      fix: `write \`from mcp.server import MCPServer\` and \`MCPServer("name")\` instead of FastMCP, or pin \`mcp<2\` (${launch.uvProject ? "uv add 'mcp<2'" : `${at} -m pip install 'mcp<2'`})`,
      detail: [q(probe.v1Import.text)],
      ...(script ? { location: { file: script, line: probe.v1Import.line } } : {}),
    });
  }
  if (probe.v2Import && mcpMajor !== undefined && mcpMajor < 2) {
    findings.push({
      code: 'mcp-too-old',
      severity: 'error',
      message: `${script ?? 'the server'}:${probe.v2Import.line} imports MCPServer (mcp 2.x), but the interpreter has mcp ${q(probe.mcp!)}`,
      why: 'MCPServer does not exist in mcp 1.x: the import fails and the server exits',
      fix: launch.uvProject ? "uv add 'mcp>=2'" : `${at} -m pip install 'mcp>=2'`,
      detail: [q(probe.v2Import.text)],
      ...(script ? { location: { file: script, line: probe.v2Import.line } } : {}),
    });
  }
  return findings;
}

/** The interpreter could not be asked: missing (uv has not made the venv yet), or failing. */
function probeFailure(
  launch: Extract<PythonLaunch, { kind: 'interpreter' }>,
  result: ProcessResult,
  plan: LaunchPlan,
): Finding {
  const interpreter = quoteLine(launch.interpreter, {});
  if (launch.uvProject && result.error === 'ENOENT') {
    return {
      code: 'python-venv-missing',
      severity: 'warning',
      message: `${interpreter} does not exist yet: uv will create the project's environment on the first start`,
      why: "creating it (downloading Python and the dependencies) on the client's first start can take longer than its timeout",
      fix: `run \`uv sync\` in ${quoteLine(launch.uvProject, {})} once`,
    };
  }
  const why = result.timedOut
    ? 'it did not answer within the time allowed'
    : result.error
      ? `it could not start (${result.error})`
      : `it exited with code ${result.code ?? '?'}`;
  const last = result.stderr.trim().split('\n').slice(-3);
  return {
    code: 'python-probe-failed',
    severity: 'warning',
    message: `could not ask ${interpreter} for its version and packages: ${why}`,
    fix: `run \`${interpreter} -c "import mcp"\` in a terminal to see why`,
    detail: last.filter(Boolean).map((line) => quoteLine(line, plan.env)),
  };
}

function toolEnvFinding(launch: Extract<PythonLaunch, { kind: 'tool-env' }>): Finding {
  const spec = launch.spec ? ` ${quoteLine(launch.spec, {})}` : '';
  return {
    code: 'python-tool-env',
    severity: 'info',
    message: `${launch.tool}${spec} runs in an environment ${launch.tool.split(' ')[0]} builds and caches itself (the live check shows whether it starts)`,
    why: "on a cold cache the first start downloads the package and can pass the client's timeout",
  };
}
