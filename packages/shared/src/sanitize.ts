/**
 * The one sanitiser: everything that reaches a terminal passes through here, either where it
 * is formatted ({@link sanitizeText}, {@link sanitizeLine}) or, whatever was missed, at the
 * output boundary ({@link createSafeWriter}), which both CLIs put around stdout and stderr.
 */

/**
 * Terminal control sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`), the string
 * sequences DCS, SOS, PM and APC (`ESC P|X|^|_ … ST`), short ESC sequences (`ESC c`, `ESC 7`,
 * `ESC ( B`), and the same introduced by C1 characters (CSI U+009B, OSC U+009D, DCS U+0090,
 * SOS U+0098, PM U+009E, APC U+009F). An unterminated string sequence runs to the end.
 */
const CONTROL_SEQUENCES =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[PX^_][\s\S]*?(?:\u001b\\|\u009c|$)|\u001b[ -/]*[0-~]?|\u009b[0-?]*[ -/]*[@-~]|[\u009d\u0090\u0098\u009e\u009f][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;

/**
 * Characters that are never printed raw: C0 controls but tab and newline (a lone carriage
 * return rewrites the line on screen), DEL, C1 controls, and the bidirectional controls that
 * reorder what a reader sees (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM).
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ue000-\ue00f]/g;

const NAME_UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * In a JSON document: C1 controls, bidirectional controls and the two JavaScript line
 * terminators are written as `\uXXXX` escapes (JSON.stringify leaves them raw); raw C0
 * controls other than whitespace never occur in JSON.stringify output and are dropped.
 */
const JSON_ESCAPED = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const JSON_DROPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/**
 * Makes text safe to print on a terminal: escape sequences are removed, and so are control
 * characters (but newline and tab; `\r\n` becomes `\n`) and bidirectional controls.
 */
export function sanitizeText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL_SEQUENCES, '').replace(UNPRINTABLE, '');
}

/** {@link sanitizeText} on one line: newlines and tabs become spaces. */
export function sanitizeLine(text: string): string {
  return sanitizeText(text).replace(/[\n\t]+/g, ' ');
}

/**
 * A name read from the disk, on one line, with every control and bidirectional character
 * shown as `?` (as `ls` does) instead of removed: nothing can move the cursor, recolour the
 * output or reorder the name, and two names that differ only there still look different.
 */
export function sanitizeName(text: string): string {
  return text.replace(NAME_UNPRINTABLE, '?');
}

/**
 * Makes a JSON document safe to print: C1 and bidirectional controls (and U+2028, U+2029)
 * become `\uXXXX` escapes, which is still the same JSON; stray C0 controls are dropped.
 */
export function sanitizeJson(json: string): string {
  return json
    .replace(JSON_DROPPED, '')
    .replace(JSON_ESCAPED, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Colours our own output may carry. They are written as private-use markers (U+E000–U+E00F),
 * which {@link sanitizeText} removes from untrusted text, and turned into SGR sequences by
 * the safe writer only after it has sanitised the whole output: text from a server or a log
 * can never produce a colour, let alone any other escape sequence.
 */
export type TextStyle = 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold';

const STYLE_CODES: Record<TextStyle, { marker: string; sgr: string }> = {
  red: { marker: '\ue001', sgr: '\u001b[31m' },
  green: { marker: '\ue002', sgr: '\u001b[32m' },
  yellow: { marker: '\ue003', sgr: '\u001b[33m' },
  cyan: { marker: '\ue004', sgr: '\u001b[36m' },
  dim: { marker: '\ue005', sgr: '\u001b[2m' },
  bold: { marker: '\ue006', sgr: '\u001b[1m' },
};
const STYLE_RESET = { marker: '\ue000', sgr: '\u001b[0m' };
const STYLE_MARKERS = /[\ue000-\ue00f]/g;
const SGR_OF = new Map<string, string>([
  [STYLE_RESET.marker, STYLE_RESET.sgr],
  ...Object.values(STYLE_CODES).map((c): [string, string] => [c.marker, c.sgr]),
]);

/** `text` (already sanitised) in a colour, shown only where colours are enabled. */
export function styled(style: TextStyle, text: string): string {
  return text === '' ? '' : `${STYLE_CODES[style].marker}${text}${STYLE_RESET.marker}`;
}

/**
 * Whether output should be coloured: never with NO_COLOR set (no-color.org), always with
 * FORCE_COLOR set to anything but `0`, else on a terminal that is not `dumb`.
 */
export function colourEnabled(
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '')
    return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

/** What a CLI is printing: text for people, or JSON documents for scripts (`--json`). */
export type OutputMode = 'text' | 'json';

/**
 * Wraps a writer so that everything written through it is sanitised: with {@link sanitizeText}
 * in `text` mode, with {@link sanitizeJson} in `json` mode. `mode` is asked at each write,
 * so a CLI can switch to `json` once it has parsed `--json`. The {@link styled} markers of
 * our own output become SGR colours when `colour()` says so, and are dropped otherwise.
 */
export function createSafeWriter(
  write: (text: string) => void,
  mode: () => OutputMode,
  colour: () => boolean = () => false,
): (text: string) => void {
  return (text) => {
    if (mode() === 'json') return write(sanitizeJson(text.replace(STYLE_MARKERS, '')));
    // Style markers survive sanitising (they are ours), then become colours or nothing.
    const safe = text
      .replace(/\r\n/g, '\n')
      .replace(CONTROL_SEQUENCES, '')
      .replace(UNPRINTABLE_BUT_STYLES, '');
    const on = colour();
    write(safe.replace(STYLE_MARKERS, (marker) => (on ? (SGR_OF.get(marker) ?? '') : '')));
  };
}

const UNPRINTABLE_BUT_STYLES = new RegExp(UNPRINTABLE.source.replace('\\ue000-\\ue00f', ''), 'g');
