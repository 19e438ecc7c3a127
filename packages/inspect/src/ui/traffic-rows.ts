import type { LogRecord } from '../core/live/bounded-log.js';
import { prettyJsonLines } from '../core/live/pretty-json.js';
import type { TrafficEntry } from '../core/live/traffic-log.js';

/** A traffic record as the pane gets it. */
export type TrafficRecord = TrafficEntry & LogRecord;

/** Most lines an expanded message shows. */
export const MAX_EXPANDED_LINES = 20_000;

// Per record (records never change): computing a 100 kB message's lines once is enough.
const expandedCache = new WeakMap<TrafficRecord, readonly string[]>();

/** The lines shown under an expanded message: its pretty JSON, then a note when it was cut. */
export function expandedLines(entry: TrafficRecord): readonly string[] {
  let lines = expandedCache.get(entry);
  if (lines === undefined) {
    const pretty = prettyLines(entry);
    if (entry.truncated) {
      pretty.push(`… cut: ${entry.text.length} characters kept of ${entry.bytes} bytes`);
    }
    lines = pretty;
    expandedCache.set(entry, lines);
  }
  return lines;
}

// The indenter keeps every token as it came (a big integer stays exact); text that is not
// JSON at all (a stray line, a message that could not be written as JSON) stays as it is.
function prettyLines(entry: TrafficRecord): string[] {
  if (entry.truncated && entry.direction !== 'stray')
    return prettyJsonLines(entry.text, MAX_EXPANDED_LINES);
  try {
    JSON.parse(entry.text);
    return prettyJsonLines(entry.text, MAX_EXPANDED_LINES);
  } catch {
    return [entry.text];
  }
}

/**
 * The rows of the traffic pane: one per message, plus the lines of the expanded ones.
 * `starts[i]` is the first row of entry i; only the rows shown are ever materialised.
 */
export interface TrafficRows {
  count: number;
  starts: readonly number[];
  /** Which entry a row belongs to, and which of its rows it is (0 = the message line). */
  locate: (row: number) => { index: number; sub: number };
}

/** The rows for `entries`, with the messages whose `seq` is in `expanded` opened. */
export function trafficRows(
  entries: readonly TrafficRecord[],
  expanded: ReadonlySet<number>,
): TrafficRows {
  const starts: number[] = new Array<number>(entries.length);
  let count = 0;
  for (let index = 0; index < entries.length; index += 1) {
    starts[index] = count;
    const entry = entries[index]!;
    count += expanded.size > 0 && expanded.has(entry.seq) ? 1 + expandedLines(entry).length : 1;
  }
  return {
    count,
    starts,
    locate: (row) => {
      // The last start at or before `row`.
      let low = 0;
      let high = entries.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle]! <= row) low = middle;
        else high = middle - 1;
      }
      return { index: low, sub: row - (starts[low] ?? 0) };
    },
  };
}

/** The words of a message line after its time: what it is, as a reader scans for it. */
export function describeTraffic(entry: TrafficEntry, answers: string | undefined): string {
  if (entry.direction === 'stray')
    return `! stray stdout (${entry.strayReason ?? 'not JSON-RPC'}):`;
  const arrow = entry.direction === 'out' ? '→' : '←';
  const id = entry.id === undefined ? '' : ` #${entry.id}`;
  if (entry.method !== undefined) return `${arrow} ${entry.method}${id}`;
  const method = answers === undefined ? '' : ` (${answers})`;
  return `${arrow}${id}${method} ${entry.isError ? 'error' : 'result'}`;
}
