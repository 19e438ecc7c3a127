// What the client's own log adds to doctor: the last error it wrote about the server (quoted),
// and whether the client has started the server since its entry last changed.
import type { Finding } from './types.js';

/** The parts of a log record doctor reads. */
export interface LogLine {
  /** When it was written (ms since the epoch); undefined for lines without a time. */
  time?: number;
  level: string;
  message: string;
  /** Lines that followed it without a timestamp (a server's raw stderr). */
  continuation?: readonly string[];
  /** The log file it is in. */
  file: string;
}

/** Inputs of {@link logFindings}. */
export interface LogFindingsInput {
  /** The client's name for messages ("Claude Desktop"). */
  clientName: string;
  /** Records about this server, oldest first. */
  records: readonly LogLine[];
  /** The most recent error-like record among them, if any. */
  lastError?: LogLine;
  /** When the config file was last written (ms since the epoch). */
  configChangedAt?: number;
  /** Whether the client starts servers when it starts (Claude Desktop) and must be restarted. */
  restartNeeded: boolean;
}

// Lines the client writes when it (re)starts a server.
const START =
  /initializing server|launching|starting mcp server|connecting to mcp server|server started/i;

/** The findings the client's log gives about one server. */
export function logFindings(input: LogFindingsInput): Finding[] {
  const findings: Finding[] = [];
  const { lastError, clientName, configChangedAt } = input;
  if (lastError) {
    const when = lastError.time === undefined ? '' : `, ${clock(lastError.time)}`;
    const after =
      configChangedAt !== undefined &&
      lastError.time !== undefined &&
      lastError.time >= configChangedAt;
    findings.push({
      code: 'client-log-error',
      severity: after ? 'warning' : 'info',
      message: `${clientName}'s log${when}: ${lastError.message}`,
      why: after
        ? `${clientName} hit this error with the config as it is now`
        : `written before the config last changed; it may be what you saw`,
      fix: 'the checks above say what causes it; mcp-config logs <name> shows the whole log',
      location: { file: lastError.file },
      ...(lastError.continuation?.length ? { detail: [...lastError.continuation] } : {}),
    });
  }
  if (input.restartNeeded && configChangedAt !== undefined) {
    const starts = input.records.filter((r) => r.time !== undefined && START.test(r.message));
    const lastStart = starts.at(-1)?.time;
    if (lastStart !== undefined && lastStart < configChangedAt) {
      findings.push({
        code: 'client-not-restarted',
        severity: 'warning',
        message: `the config changed at ${clock(configChangedAt)}, after ${clientName} last started this server (${clock(lastStart)})`,
        why: `${clientName} reads its config only when it starts`,
        fix: `quit ${clientName} completely (closing the window is not enough) and open it again`,
      });
    }
  }
  return findings;
}

function clock(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
