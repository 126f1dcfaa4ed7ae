// Whether to colour, and the few ANSI styles the formatter uses.

/**
 * --no-color always wins; FORCE_COLOR (other than "0"/"false") forces colour, e.g. in CI logs
 * that render ANSI; otherwise colour only on a terminal and never with NO_COLOR (no-color.org).
 */
export function useColor({ noColor, env, isTTY }) {
  if (noColor) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return Boolean(isTTY);
}

const CODES = { bold: [1, 22], dim: [2, 22], underline: [4, 24], red: [31, 39], yellow: [33, 39], cyan: [36, 39] };

/** @returns style functions (`paint.red(text)`) that are the identity when colour is off. */
export function painter(enabled) {
  const paint = {};
  for (const [name, [open, close]] of Object.entries(CODES)) {
    paint[name] = enabled ? (text) => `\x1b[${open}m${text}\x1b[${close}m` : (text) => text;
  }
  return paint;
}
