import { join } from 'node:path';
import type { LiveSession } from '../core/live/live-session.js';

/** `20261207-031500`: a timestamp that sorts and fits in a file name. */
export function fileStamp(time: number): string {
  const d = new Date(time);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
}

/** Export the history to a new file in `cwd`, and say where (or why not). */
export async function exportHistory(
  session: LiveSession,
  cwd: string,
  now: number,
  flash: (text: string, tone?: 'info' | 'error') => void,
): Promise<void> {
  if (!session.history) return;
  try {
    const path = await session.history.exportTo(
      join(cwd, `mcp-inspect-history-${fileStamp(now)}.json`),
    );
    flash(`History exported to ${path}`);
  } catch (error) {
    flash(
      `Could not export the history: ${error instanceof Error ? error.message : String(error)}`,
      'error',
    );
  }
}
