// Windows: a client that spawns without a shell cannot start `.cmd`/`.bat` shims (npx, npm…)
// unless they run through `cmd /c`, and `cmd /c` mangles a program path with spaces.
import { needsCmdWrapper } from '../../entry/resolve-command.js';
import type { ClientId } from '@mcpkit/shared/client-paths';
import { CLIENT_NAMES, commandBase } from './names.js';
import type { EntryFix, Finding, FindingLocation, LaunchPlan } from './types.js';

/** What the Windows rules look at: the launch plan, the client and where the entry is. */
export interface WindowsCheckInput {
  plan: LaunchPlan;
  client: ClientId;
  location?: FindingLocation;
}

/** Windows: `.cmd` shims need `cmd /c`, and `cmd /c` breaks on unquoted spaces. */
export function checkWindowsCommand(
  input: WindowsCheckInput,
  onClient: (cmd: string) => string | undefined,
): Finding[] {
  const { plan, client, location } = input;
  const findings: Finding[] = [];
  const name = CLIENT_NAMES[client];
  const base = commandBase(plan.command);
  // Claude Desktop and Claude Code spawn without a shell, and Node refuses .cmd/.bat files
  // then (EINVAL since the CVE-2024-27980 fix, ENOENT for a bare `npx`): modelcontextprotocol/
  // servers#3460 (2026-03), anthropics/claude-plugins-official#4589 (2026-07); Claude Code
  // itself warns "Windows requires 'cmd /c' wrapper to execute npx". The editors are not
  // modelled: how they spawn on Windows was not established.
  const spawnsBare = client === 'claude-desktop' || client === 'claude-code';
  const file = plan.resolved ?? plan.shellResolved;
  // A known shim (npx, npm…) needs cmd /c whether or not it is installed yet (when it is not,
  // command-not-found says so too); another command only when it resolves to a .cmd/.bat.
  if (spawnsBare && base !== 'cmd' && needsCmdWrapper(plan.command, file)) {
    const bare = bareName(plan.command, file, onClient);
    const edits: EntryFix[] = [{ kind: 'wrap-cmd' }];
    // cmd /c "C:\Program Files\…" mangles the quotes; the bare name found on PATH does not.
    if (plan.command.includes(' ') && bare !== undefined)
      edits.unshift({ kind: 'set-command', value: bare });
    const program = edits.length === 2 ? bare! : plan.command;
    findings.push({
      code: 'windows-needs-cmd',
      severity: 'error',
      message: `${plan.command} is a batch-file shim${file ? ` (${file})` : ''}, which ${name} cannot start without cmd /c`,
      why: `${name} starts servers without a shell, and Windows runs .cmd/.bat files only through cmd.exe ("spawn ${plan.command} ENOENT" or EINVAL)`,
      fix: `"command": "cmd", "args": ["/c", ${JSON.stringify(program)}, …the current args]`,
      edits: plan.command.includes(' ') && bare === undefined ? undefined : edits,
      location,
    });
  }
  if (base === 'cmd' && /^\/[ck]$/i.test(plan.args[0] ?? '')) {
    const program = plan.args[1] ?? '';
    if (/\s/.test(program)) {
      const bare = bareName(program, program, onClient);
      const first = program.split(/\s/)[0];
      // Node quotes arguments with spaces. cmd /c keeps the quotes around the program only
      // when they are the line's only two (`cmd /?`); one more quoted argument and it strips
      // the first and the last, leaving the program's path cut at its space.
      const quotedLater = plan.args.slice(2).some((a) => a === '' || /[\s"]/.test(a));
      findings.push({
        code: 'windows-unquoted-space',
        severity: quotedLater ? 'error' : 'warning',
        message: `cmd /c runs ${program}, whose path has a space`,
        why: quotedLater
          ? `with another quoted argument on the line, cmd.exe strips the quotes around the program and fails with "'${first}' is not recognized as an internal or external command"`
          : `it works only while no other argument needs quotes; one with a space and cmd.exe fails with "'${first}' is not recognized as an internal or external command"`,
        fix:
          bare !== undefined
            ? `use the name found on PATH: ${JSON.stringify(bare)} as the argument after /c`
            : "use a path without spaces (e.g. the 8.3 short name from `dir /x`), or run the program's .exe directly without cmd /c",
        edits: bare !== undefined ? [{ kind: 'set-arg', index: 1, value: bare }] : undefined,
        location,
      });
    }
  }
  return findings;
}

/** `npx` when the client's PATH finds the same file as `command`; else undefined. */
function bareName(
  command: string,
  file: string | undefined,
  onClient: (cmd: string) => string | undefined,
): string | undefined {
  const bare = commandBase(command);
  const found = onClient(bare);
  if (found === undefined) return undefined;
  if (file !== undefined && /[/\\]/.test(command) && found.toLowerCase() !== file.toLowerCase())
    return undefined;
  return bare;
}
