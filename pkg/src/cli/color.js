// Whether the CLI colours its output (the styles themselves are in ../format/stylish.js).

/**
 * --no-color always wins; FORCE_COLOR (other than "0"/"false") forces colour, e.g. in CI logs
 * that render ANSI; otherwise colour only on a terminal, never with NO_COLOR (no-color.org) and
 * never on a terminal that says it has no escape sequences (`TERM=dumb`: Emacs shells, some
 * editors' task panes).
 */
export function useColor({ noColor, env, isTTY }) {
  if (noColor) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(isTTY);
}
