/**
 * Terminal control sequences: CSI (`ESC [ ... final`), OSC (`ESC ] ... BEL|ESC \`), DCS and
 * other string sequences, short ESC sequences (`ESC c`, `ESC 7`, `ESC ( B`), and the C1
 * CSI/OSC introducers.
 */
const CONTROL_SEQUENCES =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][\s\S]*?(?:\u0007|\u001b\\|$)|\u001b[PX^_][\s\S]*?(?:\u001b\\|$)|\u001b[ -/]*[0-~]?|\u009b[0-?]*[ -/]*[@-~]|\u009d[\s\S]*?(?:\u0007|\u009c|$)/g;
// eslint-disable-next-line no-control-regex
const OTHER_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Make text from a server safe to print on a terminal: escape sequences are removed and
 * other control characters (but newline and tab) are dropped.
 */
export function sanitizeText(text: string): string {
  return text.replace(CONTROL_SEQUENCES, '').replace(OTHER_CONTROLS, '');
}

/** {@link sanitizeText} on one line: newlines and tabs become spaces. */
export function sanitizeLine(text: string): string {
  return sanitizeText(text).replace(/[\n\t]+/g, ' ');
}
