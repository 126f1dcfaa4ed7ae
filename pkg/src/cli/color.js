// Whether the CLI colours its output (the styles themselves are in ../format/stylish.js).

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
