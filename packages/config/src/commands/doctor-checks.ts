// The real checks of a doctor run, on this machine: the launch model and static checks, the
// live and Python checks (real processes), the client's log, and the backups of the config
// file for servers the app may have dropped.
import { existsSync, statSync } from 'node:fs';
import { createDoctorHost } from '../core/doctor/host.js';
import { planLaunch } from '../core/doctor/client-env.js';
import { checkConfigFiles } from '../core/doctor/file-checks.js';
import { logFindings } from '../core/doctor/log-findings.js';
import { checkPython } from '../core/doctor/python-check.js';
import { planRemote } from '../core/doctor/remote-plan.js';
import type { DoctorChecks } from '../core/doctor/run-doctor.js';
import { checkEntry } from '../core/doctor/static-checks.js';
import { recentServerRecords, lastServerError } from '../core/logs/recent.js';
import { runProcess } from '../host/process-runner.js';
import { createLogFs } from '../target/log-fs.js';
import { CLIENT_NAMES } from '../target/targets.js';
import { historyOf } from './change.js';
import type { CommandContext } from './context.js';

/** Findings that depend on the files of the machine the client runs on. */
const MACHINE_BOUND = new Set([
  'command-found',
  'command-not-found',
  'command-not-on-client-path',
  'interpreter-not-on-client-path',
  'nvm-version-order',
  'path-exists',
  'path-missing',
]);

/** The checks of `mcp-config doctor` for the context's client, platform and files. */
export function createChecks(context: CommandContext): DoctorChecks {
  const { io, client, platform } = context;
  const onThisMachine = platform === io.platform;
  const host = createDoctorHost({ platform, env: io.env, homedir: io.homedir, cwd: io.cwd });
  const clientName = CLIENT_NAMES[client];
  return {
    files: () => {
      const result = checkConfigFiles(client, host, {
        ...(context.flags.config === undefined ? {} : { configFile: context.flags.config }),
        history: (file) => historyOf(file, context),
      });
      // Invalid entries get a section of their own, like every other server.
      return { ...result, findings: result.findings.filter((f) => f.code !== 'invalid-entry') };
    },
    plan: (entry) => {
      const plan = planLaunch(entry, client, host);
      // A modelled start folder this machine lacks (the Windows app folder) cannot be entered.
      return onThisMachine && !existsSync(plan.cwd) ? { ...plan, cwd: io.homedir } : plan;
    },
    remotePlan: (entry) => planRemote(entry, client, host),
    entry: ({ entry, plan, unresolved }) => {
      const findings = checkEntry({ entry, ...(plan ? { plan } : {}), unresolved, client, host });
      // Paths of another OS cannot be looked up from here: only the rules that hold anyway.
      return onThisMachine ? findings : findings.filter((f) => !MACHINE_BOUND.has(f.code));
    },
    live: async (plans, signal) => {
      if (plans.length === 0) return [];
      // The MCP client loads only when a server is started.
      const { runLiveChecks } = await import('../core/doctor/live-check.js');
      return runLiveChecks(plans, { ...(signal ? { signal } : {}), version: io.version });
    },
    remote: async (plans, signal) => {
      if (plans.length === 0) return [];
      const { runRemoteChecks } = await import('../core/doctor/remote-check.js');
      return runRemoteChecks(plans, { ...(signal ? { signal } : {}), version: io.version });
    },
    python: (plan, signal) =>
      checkPython(plan, runProcess, {
        ...(signal ? { signal } : {}),
        windows: platform === 'win32',
        readHead: async (file) => host.readHead(file, 256),
      }),
    log: (entry, file) => {
      if (!onThisMachine) return [];
      const records = recentServerRecords({
        client,
        name: entry.name,
        platform,
        env: io.env,
        homedir: io.homedir,
        cwd: io.cwd,
        fs: createLogFs(platform, io.platform),
      });
      const lastError = lastServerError(records);
      const changedAt = modifiedAt(file.candidate.file);
      return logFindings({
        clientName,
        records,
        ...(lastError ? { lastError } : {}),
        ...(changedAt === undefined ? {} : { configChangedAt: changedAt }),
        // Claude Desktop starts its servers when it starts; the CLIs read the config each run.
        restartNeeded: client === 'claude-desktop',
      });
    },
  };
}

function modifiedAt(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
