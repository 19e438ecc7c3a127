// Whether the client can start the entry's command: found on ITS PATH (not only the shell's),
// with the interpreter an `#!/usr/bin/env` script asks for, the Node that nvm users expect,
// `npx -y`, and Windows' `.cmd` rules.
import type { ClientId } from '@mcpkit/shared/client-paths';
import { pathFor } from '@mcpkit/shared/client-paths';
import type { StdioServerEntry } from '@mcpkit/shared/server-entries';
import { findOnPath } from '@mcpkit/shared/which';
import { describeToolDir, envShebang } from '../../entry/resolve-command.js';
import { nvmVersionDirs } from './client-env.js';
import { checkWindowsCommand } from './windows-checks.js';
import type { DoctorHost } from './host.js';
import { CLIENT_NAMES, commandBase } from './names.js';
import type { EntryFix, Finding, FindingLocation, LaunchPlan } from './types.js';

/** What the command checks look at. */
export interface CommandCheckInput {
  /** The entry, variables expanded. */
  entry: StdioServerEntry;
  /** How the client would start it. */
  plan: LaunchPlan;
  /** The client whose config the entry is in. */
  client: ClientId;
  /** The machine. */
  host: DoctorHost;
  /** Where the entry is written: every finding points there. */
  location: FindingLocation;
}

// Package runners that start the package's own `#!/usr/bin/env node` bin: running the runner
// with an absolute node is not enough, node must be on the PATH the server gets.
const NODE_RUNNERS = new Set(['npx', 'npm', 'pnpm', 'pnpx', 'yarn', 'corepack']);

const INSTALL_HINTS: Record<string, string> = {
  npx: 'install Node.js (https://nodejs.org), which provides node, npm and npx',
  npm: 'install Node.js (https://nodejs.org), which provides node, npm and npx',
  node: 'install Node.js (https://nodejs.org)',
  uv: 'install uv: curl -LsSf https://astral.sh/uv/install.sh | sh (Windows: powershell -c "irm https://astral.sh/uv/install.ps1 | iex")',
  uvx: 'install uv, which provides uvx: curl -LsSf https://astral.sh/uv/install.sh | sh (Windows: powershell -c "irm https://astral.sh/uv/install.ps1 | iex")',
  python: 'install Python 3 (https://www.python.org/downloads/), or run the server with uv',
  python3: 'install Python 3 (https://www.python.org/downloads/), or run the server with uv',
  pnpm: 'install pnpm: npm install -g pnpm (or corepack enable)',
  bun: 'install Bun: curl -fsSL https://bun.sh/install | bash',
  bunx: 'install Bun, which provides bunx: curl -fsSL https://bun.sh/install | bash',
  deno: 'install Deno: curl -fsSL https://deno.land/install.sh | sh',
  docker: 'install Docker Desktop (https://docs.docker.com/get-docker/) and start it',
};

/** Every finding about starting the command (see the file comment). */
export function checkCommand(input: CommandCheckInput): Finding[] {
  const { plan, client, host, location } = input;
  const name = CLIENT_NAMES[client];
  const findings: Finding[] = [];
  const base = commandBase(plan.command);
  const onClient = (cmd: string) =>
    findOnPath(cmd, { platform: host.platform, env: plan.env, isExecutable: host.isExecutable });
  const onShell = (cmd: string) =>
    findOnPath(cmd, { platform: host.platform, env: host.env, isExecutable: host.isExecutable });
  const shebang = (file: string | undefined) =>
    file === undefined || host.platform === 'win32'
      ? undefined
      : envShebang(host.readHead(file, 256) ?? '');
  const where = (file: string) => {
    const dir = describeToolDir(file, host.homedir);
    return dir === undefined ? '' : ` (${dir})`;
  };

  const p = pathFor(host.platform);
  if (/[/\\]/.test(plan.command) && !p.isAbsolute(plan.command)) {
    // A relative command: path-checks.ts says what the client's folder makes of it.
  } else if (plan.resolved !== undefined) {
    findings.push({
      code: 'command-found',
      severity: 'ok',
      message: `command found: ${plan.resolved}`,
      location,
    });
    const interpreter = shebang(plan.resolved);
    if (interpreter !== undefined && onClient(interpreter) === undefined) {
      findings.push({
        code: 'interpreter-not-on-client-path',
        severity: 'error',
        message: `${plan.resolved} starts with #!/usr/bin/env ${interpreter}, and ${name} finds no ${interpreter} on its PATH`,
        why: `the script's first line asks the PATH ${name} gives it for ${interpreter}; the start fails with "env: ${interpreter}: No such file or directory"`,
        location,
        ...interpreterFix(plan.resolved, interpreter, base, onShell, host),
      });
    }
  } else if (plan.shellResolved !== undefined) {
    const file = plan.shellResolved;
    const interpreter = shebang(file);
    const interpreterMissing = interpreter !== undefined && onClient(interpreter) === undefined;
    const finding: Finding = {
      code: 'command-not-on-client-path',
      severity: 'error',
      message: interpreterMissing
        ? `${plan.command} is not on ${name}'s PATH, nor is ${interpreter}, which it needs (#!/usr/bin/env ${interpreter}); your shell finds it at ${file}${where(file)}`
        : `${plan.command} is not on ${name}'s PATH; your shell finds it at ${file}${where(file)}`,
      why: `${name} does not read your shell profile, so it fails with "spawn ${plan.command} ENOENT"`,
      location,
    };
    if (interpreterMissing) {
      Object.assign(finding, interpreterFix(file, interpreter, base, onShell, host));
    } else {
      finding.fix = `write the absolute path: "command": ${JSON.stringify(file)}`;
      finding.edits = [{ kind: 'set-command', value: file }];
    }
    findings.push(finding);
  } else {
    const hint = INSTALL_HINTS[base];
    findings.push({
      code: 'command-not-found',
      severity: 'error',
      message: /[/\\]/.test(plan.command)
        ? `command ${plan.command} does not exist or is not executable`
        : `command ${plan.command} is not installed: neither ${name}'s PATH nor your shell's has it`,
      why: `${name} fails with "spawn ${plan.command} ENOENT"`,
      fix:
        hint ?? `install ${plan.command}, or write the absolute path of the program in "command"`,
      location,
    });
  }

  findings.push(...checkNodeVersion(input, base, onClient, onShell, shebang));
  findings.push(...checkNpxYes(input));
  if (host.platform === 'win32') findings.push(...checkWindowsCommand(input, onClient));
  return findings;
}

/** The fix for a script whose `#!/usr/bin/env X` interpreter the client cannot find. */
function interpreterFix(
  script: string,
  interpreter: string,
  base: string,
  onShell: (cmd: string) => string | undefined,
  host: DoctorHost,
): Pick<Finding, 'fix' | 'edits'> {
  const absolute = onShell(interpreter);
  if (absolute === undefined) {
    return { fix: `install ${interpreter}, then write its absolute path in "command"` };
  }
  if (NODE_RUNNERS.has(base)) {
    // npx itself would start with an absolute node, but the package bin it runs would not.
    const p = pathFor(host.platform);
    const dirs = [p.dirname(absolute), '/usr/bin', '/bin'].join(p.delimiter);
    return {
      fix: `write "command": ${JSON.stringify(script)} and add "PATH": ${JSON.stringify(dirs)} to this entry's "env" (${base} starts the package's own #!/usr/bin/env ${interpreter} script, which needs ${interpreter} on the PATH)`,
    };
  }
  const edits: EntryFix[] = [
    { kind: 'set-command', value: absolute },
    { kind: 'insert-arg', index: 0, value: script },
  ];
  return {
    fix: `run the script with its interpreter: "command": ${JSON.stringify(absolute)}, with ${JSON.stringify(script)} as the first argument`,
    edits,
  };
}

/** nvm with several versions: Claude Desktop's PATH puts the oldest first. */
function checkNodeVersion(
  input: CommandCheckInput,
  base: string,
  onClient: (cmd: string) => string | undefined,
  onShell: (cmd: string) => string | undefined,
  shebang: (file: string | undefined) => string | undefined,
): Finding[] {
  const { plan, client, host, location } = input;
  const file = plan.resolved ?? plan.shellResolved;
  const runsNode = base === 'node' || NODE_RUNNERS.has(base) || shebang(file) === 'node';
  if (!runsNode) return [];
  const versions = nvmVersionDirs(host);
  const clientNode = onClient('node');
  const shellNode = onShell('node');
  if (clientNode === undefined || shellNode === undefined || clientNode === shellNode) return [];
  // Only nvm's folders put a Node on the client's PATH that the shell does not choose.
  if (!versions.some((dir) => clientNode.startsWith(dir))) return [];
  const version = (f: string) => /[/\\](v\d[^/\\]*)[/\\]bin[/\\]/.exec(f)?.[1] ?? f;
  const name = CLIENT_NAMES[client];
  const finding: Finding = {
    code: 'nvm-version-order',
    severity: 'warning',
    message: `${name} would run Node ${version(clientNode)} (${clientNode}); your shell runs ${version(shellNode)} (${shellNode})`,
    why: `${name} puts every nvm version on its PATH in name order (the oldest usually first) and ignores "nvm alias default"; an old Node breaks recent npm and servers`,
    location,
  };
  if (base === 'node') {
    finding.fix = `write the absolute path: "command": ${JSON.stringify(shellNode)}`;
    finding.edits = [{ kind: 'set-command', value: shellNode }];
  } else if (file !== undefined && !NODE_RUNNERS.has(base)) {
    finding.fix = `run the script with your Node: "command": ${JSON.stringify(shellNode)}, with ${JSON.stringify(file)} as the first argument`;
    finding.edits = [
      { kind: 'set-command', value: shellNode },
      { kind: 'insert-arg', index: 0, value: file },
    ];
  } else {
    const p = pathFor(host.platform);
    const runner = p.join(p.dirname(shellNode), base);
    finding.fix = `write "command": ${JSON.stringify(runner)} and add "PATH": ${JSON.stringify([p.dirname(shellNode), '/usr/bin', '/bin'].join(p.delimiter))} to this entry's "env" (an absolute ${base} alone still finds the old node through #!/usr/bin/env node)`;
  }
  return [finding];
}

/** The index in `args` where npx's own arguments start, or undefined when npx is not run. */
export function npxArgsStart(command: string, args: readonly string[]): number | undefined {
  if (commandBase(command) === 'npx') return 0;
  if (commandBase(command) === 'cmd' && /^\/[ck]$/i.test(args[0] ?? '')) {
    if (commandBase(args[1] ?? '') === 'npx') return 2;
  }
  return undefined;
}

/** `npx pkg` without `-y` asks "Ok to proceed?" on a first download; no one can answer. */
function checkNpxYes(input: CommandCheckInput): Finding[] {
  const { plan, client, location } = input;
  const start = npxArgsStart(plan.command, plan.args);
  if (start === undefined) return [];
  const own = plan.args.slice(start);
  const end = own.indexOf('--');
  const options = end === -1 ? own : own.slice(0, end);
  if (options.some((a) => a === '-y' || a === '--yes' || a === '--yes=true')) return [];
  const name = CLIENT_NAMES[client];
  return [
    {
      code: 'npx-without-yes',
      severity: 'warning',
      message: 'npx runs without -y',
      why: `when the package is not cached yet, npx asks "Ok to proceed? (y)" and waits; ${name} has no terminal to answer, so the server hangs until the ${Math.round((plan.clientTimeoutMs ?? plan.timeoutMs) / 1000)} s timeout`,
      fix: `add "-y" as npx's first argument, before the package name`,
      edits: [{ kind: 'insert-arg', index: start, value: '-y' }],
      location,
    },
  ];
}
