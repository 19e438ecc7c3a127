/** Multi-line text with a cursor: the raw JSON editor of a form. */
export interface RawText {
  text: string;
  /** Offset of the cursor in `text` (UTF-16 units, never inside a surrogate pair). */
  cursor: number;
}

/** What the raw editor reacts to (a subset of the form's actions). */
export type RawAction =
  | { type: 'text'; text: string }
  | { type: 'backspace' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'toggle' };

const MAX_RAW = 5_000_000;

/** Line and column (both from 0) of the cursor. */
export function cursorLine(raw: RawText): { line: number; column: number } {
  const before = raw.text.slice(0, raw.cursor);
  const line = before.split('\n').length - 1;
  return { line, column: raw.cursor - (before.lastIndexOf('\n') + 1) };
}

function lineStart(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return offset;
    offset = next + 1;
  }
  return offset;
}

function moveLine(raw: RawText, step: number): RawText {
  const { line, column } = cursorLine(raw);
  const lines = raw.text.split('\n');
  const target = line + step;
  if (target < 0 || target >= lines.length) return raw;
  const start = lineStart(raw.text, target);
  return { ...raw, cursor: start + Math.min(column, lines[target]!.length) };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Edits raw text: typing inserts at the cursor (a line break is a new line), arrows move. */
export function rawReducer(raw: RawText, action: RawAction): RawText {
  const { text, cursor } = raw;
  switch (action.type) {
    case 'text':
    case 'toggle': {
      const typed = action.type === 'toggle' ? ' ' : action.text.replace(/\r\n|\r/g, '\n');
      // eslint-disable-next-line no-control-regex
      const clean = typed.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\t/g, '  ');
      if (clean === '' || text.length + clean.length > MAX_RAW) return raw;
      return {
        text: text.slice(0, cursor) + clean + text.slice(cursor),
        cursor: cursor + clean.length,
      };
    }
    case 'backspace': {
      if (cursor === 0) return raw;
      const width = isLowSurrogate(text.charCodeAt(cursor - 1)) && cursor > 1 ? 2 : 1;
      return { text: text.slice(0, cursor - width) + text.slice(cursor), cursor: cursor - width };
    }
    case 'left': {
      if (cursor === 0) return raw;
      const width = isLowSurrogate(text.charCodeAt(cursor - 1)) && cursor > 1 ? 2 : 1;
      return { ...raw, cursor: cursor - width };
    }
    case 'right': {
      if (cursor >= text.length) return raw;
      const width = isLowSurrogate(text.charCodeAt(cursor + 1)) ? 2 : 1;
      return { ...raw, cursor: cursor + width };
    }
    case 'next':
      return moveLine(raw, 1);
    case 'previous':
      return moveLine(raw, -1);
  }
}
