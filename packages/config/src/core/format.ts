/** How a config file is laid out, so that edits can write in the same style. */
export interface TextFormat {
  /** Line break: the first one found in the file, else `\n`. */
  eol: '\n' | '\r\n';
  /** One level of indentation: that of the first indented line, else two spaces. */
  indent: string;
  /** Whether the text starts with a UTF-8 byte order mark. */
  bom: boolean;
  /** Whether the text ends with a line break. */
  finalNewline: boolean;
}

/** Default layout of a file mcp-config creates: two spaces, `\n`, final newline, no BOM. */
export const DEFAULT_FORMAT: TextFormat = {
  eol: '\n',
  indent: '  ',
  bom: false,
  finalNewline: true,
};

/** Detects line breaks, indentation, BOM and final newline of a config text. */
export function detectFormat(text: string): TextFormat {
  const bom = text.charCodeAt(0) === 0xfeff;
  const lf = text.indexOf('\n');
  const eol = lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
  // The first line that starts with blanks followed by content gives one level.
  const indented = /^([ \t]+)\S/m.exec(text);
  let indent = indented?.[1] ?? DEFAULT_FORMAT.indent;
  // A line indented with tabs then spaces (alignment) counts as tabs.
  if (indent.startsWith('\t')) indent = '\t';
  else if (indent.includes('\t')) indent = indent.slice(0, indent.indexOf('\t'));
  return { eol, indent, bom, finalNewline: /\n$/.test(text) };
}
