import { CLIENT_NAMES } from '../target/targets.js';
import { createLogFs } from '../target/log-fs.js';
import { CliError, EXIT, failure, usageError } from '../errors.js';
import { reportError } from './report-error.js';
import { colourEnabled } from '@mcpkit/shared/sanitize';
import { parseLevel, parseSince, type RecordFilter } from '../core/logs/filter.js';
import { followLogs } from '../core/logs/follow.js';
import { formatJsonRecord, formatRecord, type FormatOptions } from '../core/logs/format.js';
import { locateLogs, refreshFiles, type LocateLogsOptions } from '../core/logs/sources.js';
import { tailLogs } from '../core/logs/tail.js';
import type { LogRecord } from '../core/logs/types.js';
import type { CommandIo, GlobalFlags, StopReason } from './context.js';

/** Options of `mcp-config logs`, as commander hands them over. */
export interface LogsFlags extends GlobalFlags {
  /** -f: keep printing new records. */
  follow?: boolean;
  /** -n: how many records (text, checked here). */
  lines?: string;
  /** --since: a duration (`10m`) or a date/time. */
  since?: string;
  /** --level: the lowest level shown. */
  level?: string;
}

const WHY_MISSING: Record<string, string> = {
  'claude-desktop':
    'Claude Desktop creates its logs when it first starts an MCP server; is it installed, and has it been started with a server configured? (Linux builds are unofficial and may log elsewhere.)',
  'claude-code':
    'Claude Code keeps MCP logs per folder it was started in, once it has started an MCP server there: run this command from that folder.',
};

/**
 * `mcp-config logs` as the program runs it: errors become a line, a hint and an exit code here,
 * without the config-editing modules every other command loads (a faster start).
 */
export async function runLogsCommand(
  name: string | undefined,
  flags: LogsFlags,
  io: CommandIo,
): Promise<number> {
  try {
    return await runLogs(name, flags, io);
  } catch (error) {
    const cliError =
      error instanceof CliError
        ? error
        : new CliError(
            EXIT.failure,
            error instanceof Error ? error.message : String(error),
            undefined,
            {
              cause: error,
            },
          );
    return reportError(cliError, flags, io);
  }
}

/** `mcp-config logs [name]`: the client's MCP logs, last records first, then (-f) new ones. */
export async function runLogs(
  name: string | undefined,
  flags: LogsFlags,
  io: CommandIo,
): Promise<number> {
  const count = flags.lines === undefined ? 50 : Number(flags.lines);
  if (!Number.isInteger(count) || count < 0) {
    throw usageError(`-n takes a whole number of records, not "${flags.lines}".`);
  }
  const now = Date.now();
  const filter: RecordFilter = {};
  if (name !== undefined) filter.name = name;
  if (flags.since !== undefined) {
    const since = parseSince(flags.since, now);
    if (since === undefined) {
      throw usageError(
        `--since takes a duration (30s, 10m, 2h, 1d) or a date/time (2025-01-15T10:00), not "${flags.since}".`,
      );
    }
    filter.since = since;
  }
  if (flags.level !== undefined) {
    const level = parseLevel(flags.level);
    if (level === undefined) {
      throw usageError(`--level takes debug, info, warn or error, not "${flags.level}".`);
    }
    filter.minLevel = level;
  }

  const client = flags.client ?? 'claude-desktop';
  const platform = flags.platform ?? io.platform;
  const fs = createLogFs(platform, io.platform);
  const locate: LocateLogsOptions = {
    client,
    ...(name === undefined ? {} : { name }),
    platform,
    env: io.env,
    homedir: io.homedir,
    cwd: io.cwd,
    fs,
  };
  const location = locateLogs(locate);
  if ('unreadable' in location) throw failure(location.message, location.hint);
  const clientName = CLIENT_NAMES[client];
  if (location.files.length === 0 && !(flags.follow && location.dirs.length > 0)) {
    const where = location.lookedIn.join(', ');
    const what = name === undefined ? 'MCP logs' : `MCP logs of "${name}"`;
    throw failure(
      `No ${clientName} ${what}: looked in ${where || 'no folder'}.`,
      WHY_MISSING[client],
    );
  }

  const print = createPrinter(flags, io, now);
  const tail = tailLogs(fs, location.files, { count, filter });
  for (const record of tail.records) print(record);
  if (tail.limited) {
    io.stderr('(only the last 64 MiB of each log were searched)\n');
  }
  if (!flags.follow) {
    if (tail.records.length === 0 && count > 0) {
      io.stderr(
        `No records${name === undefined ? '' : ` about "${name}"`} match in ${location.files.map((f) => f.path).join(', ')}.\n`,
      );
    }
    return EXIT.ok;
  }

  const follower = followLogs({
    fs,
    listFiles: () => refreshFiles(location, locate),
    dirs: location.dirs,
    start: tail.ends,
    filter,
    onRecord: print,
    schedule: (fn, ms) => {
      const timer = setTimeout(fn, ms);
      return () => clearTimeout(timer);
    },
  });
  const reason = await waitForStop(io);
  follower.stop();
  // Ctrl-C is how -f ends; a SIGTERM or a closed terminal is reported as 128 + its number.
  return reason === 'SIGTERM' ? 143 : reason === 'SIGHUP' ? 129 : EXIT.ok;
}

function createPrinter(flags: LogsFlags, io: CommandIo, now: number) {
  if (flags.json) return (record: LogRecord) => io.stdout(formatJsonRecord(record));
  // Every piece of a record is sanitised by formatRecord; its colours are style markers that
  // the output's safe writer turns into colour codes.
  const write = io.stdout;
  const options: FormatOptions = {
    color: colourEnabled(io.env, io.stdoutIsTTY ?? false),
    now,
    utcOffsetMinutes: (time) => -new Date(time).getTimezoneOffset(),
  };
  return (record: LogRecord) => write(formatRecord(record, options));
}

function waitForStop(io: CommandIo): Promise<StopReason> {
  return new Promise((resolve) => {
    if (io.onStop) {
      const off = io.onStop((reason) => {
        off();
        resolve(reason);
      });
      return;
    }
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    const done = (reason: StopReason) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(reason);
    };
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}
