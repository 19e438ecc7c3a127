import type { Key } from 'ink';

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** The key a single control character stands for (Tab, Enter, Backspace, Ctrl-letter). */
function controlKey(char: string): [string, Key] | undefined {
  const code = char.charCodeAt(0);
  if (char === '\r' || char === '\n') return ['\r', { ...NO_KEY, return: true }];
  if (char === '\t') return ['', { ...NO_KEY, tab: true }];
  if (char === '\u007f' || char === '\b') return ['', { ...NO_KEY, backspace: true }];
  if (char === '\u001b') return ['', { ...NO_KEY, escape: true }];
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
  if (code < 32) return ['', { ...NO_KEY }];
  return undefined;
}

/**
 * The keys in one input event. Ink hands a burst of typing (a paste, keys sent faster than
 * a frame) over as one string, "ab\tc\u0013"; each key in it is a key of its own, in order,
 * so that none is lost or read as something else. With `groupText`, a run of printable
 * characters stays one piece of text (a paste typed into a field at once).
 */
export function splitKeys(
  input: string,
  key: Key,
  options: { groupText?: boolean } = {},
): [string, Key][] {
  const special =
    key.ctrl ||
    key.meta ||
    key.escape ||
    key.upArrow ||
    key.downArrow ||
    key.leftArrow ||
    key.rightArrow ||
    key.pageUp ||
    key.pageDown ||
    key.home ||
    key.end ||
    key.tab ||
    key.return ||
    key.backspace ||
    key.delete;
  // Esc then a key, typed fast, reaches a terminal program as Alt+key: no binding of ours
  // uses Alt, so it is the two keys it was.
  if (key.meta && !key.escape && input.length > 0 && !key.ctrl)
    return [
      ['', { ...NO_KEY, escape: true }],
      ...splitKeys(input, { ...key, meta: false }, options),
    ];
  if (special || [...input].length <= 1) return [[input, key]];
  const keys: [string, Key][] = [];
  let text = '';
  const flush = () => {
    if (text) keys.push([text, { ...NO_KEY, shift: text !== text.toLowerCase() }]);
    text = '';
  };
  for (const char of input) {
    const control = controlKey(char);
    if (control) {
      flush();
      keys.push(control);
    } else if (options.groupText) text += char;
    else keys.push([char, { ...NO_KEY, shift: char !== char.toLowerCase() }]);
  }
  flush();
  return keys;
}
