import { sanitizeLine, sanitizeText } from '@mcpkit/shared/sanitize';

/** Characters of one result shown to a person before it is cut (never in --json). */
export const HUMAN_OUTPUT_LIMIT = 20_000;

/** Cut `text` for a terminal, saying how much was left out and how to see it all. */
export function truncateForHumans(text: string, limit = HUMAN_OUTPUT_LIMIT): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}\n… ${text.length - limit} more characters not shown (use --json for the whole result)`;
}

/** Two columns: a name, then a one-line summary; server text is sanitized. */
export function formatColumns(rows: readonly [string, string][], width = 100): string {
  const names = rows.map(([name]) => sanitizeLine(name));
  const nameWidth = Math.min(40, Math.max(0, ...names.map((name) => name.length)));
  return rows
    .map(([, summary], i) => {
      const name = names[i]!;
      const room = Math.max(20, width - nameWidth - 2);
      const text = sanitizeLine(summary);
      const cut = text.length > room ? `${text.slice(0, room - 1)}…` : text;
      return `${name.padEnd(nameWidth)}  ${cut}`.trimEnd();
    })
    .join('\n');
}

/** The first line of a description. */
export function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n')[0] ?? '';
}

/** "3 tools", "1 tool". */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Pretty JSON of a value from a server, sanitized for a terminal. */
export function formatJson(value: unknown): string {
  return sanitizeText(JSON.stringify(value, null, 2));
}

interface ContentBlock {
  type: string;
  text?: string;
  mimeType?: string;
  data?: string;
  uri?: string;
  name?: string;
  resource?: { uri: string; mimeType?: string; text?: string; blob?: string };
}

/** Size of base64 data in readable units. */
function base64Size(data: string | undefined): string {
  const bytes = Math.floor(((data ?? '').length * 3) / 4);
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** One content block of a tool result or prompt message, for a terminal. */
export function formatContentBlock(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return sanitizeText(block.text ?? '');
    case 'image':
    case 'audio':
      return `[${block.type} ${sanitizeLine(block.mimeType ?? '?')}, ${base64Size(block.data)}]`;
    case 'resource_link':
      return `[resource link ${sanitizeLine(block.uri ?? '')}${block.name ? ` "${sanitizeLine(block.name)}"` : ''}]`;
    case 'resource': {
      const resource = block.resource;
      if (!resource) return '[resource]';
      if (resource.text !== undefined)
        return `[resource ${sanitizeLine(resource.uri)}]\n${sanitizeText(resource.text)}`;
      return `[resource ${sanitizeLine(resource.uri)}: ${sanitizeLine(resource.mimeType ?? 'binary')}, ${base64Size(resource.blob)}]`;
    }
    default:
      return `[${sanitizeLine(block.type)} content]`;
  }
}
