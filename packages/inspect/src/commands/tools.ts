import type { Tool } from '@modelcontextprotocol/client';
import { sanitizeLine } from '../core/sanitize.js';

/** Render tools as a two-column list: name, then the first line of the description. */
export function formatToolList(tools: readonly Tool[]): string {
  if (tools.length === 0) return 'The server has no tools.\n';
  const names = tools.map((tool) => sanitizeLine(tool.name));
  const width = Math.max(...names.map((name) => name.length));
  const lines = tools.map((tool, i) => {
    const summary = sanitizeLine((tool.description ?? '').trim().split('\n')[0] ?? '');
    return `${names[i]!.padEnd(width)}  ${summary}`.trimEnd();
  });
  return `${lines.join('\n')}\n${tools.length} tool${tools.length === 1 ? '' : 's'}\n`;
}
