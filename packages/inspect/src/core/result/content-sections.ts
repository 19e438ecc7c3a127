import { FixedSection, TextSection, TreeSection, short, type Section } from './sections.js';
import { seg, type Segment } from './styled-line.js';

/** The fields of a content block read here; a block of another type is shown as JSON. */
export interface Block {
  type: string;
  text?: unknown;
  data?: unknown;
  mimeType?: unknown;
  uri?: unknown;
  name?: unknown;
  resource?: { uri?: unknown; mimeType?: unknown; text?: unknown; blob?: unknown };
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Decoded size of base64 data, readable: "812 B", "12.3 KB", "4.2 MB". */
export function formatBase64Size(data: string): string {
  const length = data.length;
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  const bytes = Math.max(0, Math.floor((length * 3) / 4) - padding);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A text as a JSON tree when it is a JSON object or array, else wrapped text. */
function textOrJson(text: string, indent: number, json = false): Section {
  const first = text.trimStart()[0];
  if (json || first === '{' || first === '[') {
    try {
      return new TreeSection(JSON.parse(text), indent);
    } catch {
      // Not JSON after all: shown as text.
    }
  }
  return new TextSection(text, 'plain', indent);
}

/** A one-line section. */
export function heading(...segments: Segment[]): FixedSection {
  return new FixedSection([segments]);
}

/** The sections of one content block (tool result, prompt message, embedded resource). */
export function blockSections(block: Block, indent: number, label: string): Section[] {
  const pad = indent > 0 ? [seg(' '.repeat(indent))] : [];
  const title = label ? [seg(label, 'heading'), seg(' ')] : [];
  switch (block.type) {
    case 'text': {
      const body = textOrJson(str(block.text), indent);
      return label ? [heading(...pad, seg(label, 'heading')), body] : [body];
    }
    case 'image':
    case 'audio':
      return [
        heading(
          ...pad,
          ...title,
          seg(`[${block.type}] `, 'muted'),
          seg(`${short(str(block.mimeType) || '?')} ${formatBase64Size(str(block.data))}`),
        ),
      ];
    case 'resource_link':
      return [
        heading(
          ...pad,
          ...title,
          seg('[resource link] ', 'muted'),
          seg(short(str(block.uri)), 'string'),
          ...(block.name ? [seg(`  ${short(str(block.name))}`)] : []),
        ),
      ];
    case 'resource': {
      const resource = block.resource ?? {};
      return resourceSections(resource, indent, [...title, seg('[resource] ', 'muted')]);
    }
    default:
      return [
        heading(...pad, ...title, seg(`[${short(block.type)}]`, 'muted')),
        new TreeSection(block, indent),
      ];
  }
}

/** One resource's contents: its URI and MIME type, then its text (or JSON), or its blob's size. */
export function resourceSections(
  contents: { uri?: unknown; mimeType?: unknown; text?: unknown; blob?: unknown },
  indent: number,
  prefix: Segment[] = [],
): Section[] {
  const pad = indent > 0 ? [seg(' '.repeat(indent))] : [];
  const mime = str(contents.mimeType);
  const line: Segment[] = [...pad, ...prefix, seg(short(str(contents.uri)), 'string')];
  if (mime) line.push(seg(`  ${short(mime)}`, 'muted'));
  if (typeof contents.text === 'string')
    return [heading(...line), textOrJson(contents.text, indent + 2, /json/i.test(mime))];
  line.push(seg(`  blob ${formatBase64Size(str(contents.blob))}`));
  return [heading(...line)];
}

/** The sections of a list of content blocks, numbered when there are several. */
export function contentSections(blocks: readonly Block[], indent: number): Section[] {
  return blocks.flatMap((block, i) =>
    blockSections(block, indent, blocks.length > 1 ? `${i + 1}/${blocks.length}` : ''),
  );
}
