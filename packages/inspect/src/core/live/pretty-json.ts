/**
 * Indents JSON text without parsing it, two spaces a level, as `JSON.stringify(value, null, 2)`
 * would: it also works on text cut in the middle (a long message kept only in part), where
 * a parser gives up. Stops after `maxLines` lines.
 */
export function prettyJsonLines(text: string, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = [];
  let depth = 0;
  let line = '';
  const newline = (nextDepth: number) => {
    lines.push(line);
    depth = nextDepth;
    line = '  '.repeat(depth);
  };
  for (let index = 0; index < text.length && lines.length < maxLines; index += 1) {
    const char = text[index]!;
    if (char === '"') {
      // Copy the whole string, escapes included.
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      line += text.slice(index, end + 1);
      index = end;
    } else if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      // An empty object or array stays on its line.
      let next = index + 1;
      while (next < text.length && /\s/.test(text[next]!)) next += 1;
      if (text[next] === close) {
        line += char + close;
        index = next;
      } else {
        line += char;
        newline(depth + 1);
      }
    } else if (char === '}' || char === ']') {
      newline(Math.max(0, depth - 1));
      line += char;
    } else if (char === ',') {
      line += char;
      newline(depth);
    } else if (char === ':') {
      line += ': ';
    } else if (!/\s/.test(char)) {
      line += char;
    }
  }
  if (line.trim() !== '' && lines.length < maxLines) lines.push(line);
  return lines;
}
