// The progress line of a long --recursive run: `keymgmt-lint: linted 12/100 modules` on stderr,
// rewritten in place, and erased when the run ends so that the terminal is left as it was. Only
// on a terminal and never in CI, whose logs would keep every rewrite.

// From this many roots the line shows at once; a run of fewer shows it only once it is slow.
const FEW = 4;
const SLOW_MS = 1000;
// A terminal need not be rewritten for each of a thousand small modules.
const EVERY_MS = 50;
const ERASE = '\r\x1b[2K';

/**
 * @param {{ stream: { isTTY?: boolean, write: (text: string) => unknown }, env: object, total: number, now?: () => number }} options
 * @returns {{ update: (done: number) => void, end: () => void }}
 */
export function createProgress({ stream, env, total, now = Date.now }) {
  const enabled = Boolean(stream.isTTY) && !inCI(env);
  const start = now();
  let shown = false;
  let written = -Infinity;
  const update = (done) => {
    if (!enabled) return;
    const at = now();
    if (!shown && total <= FEW && at - start < SLOW_MS) return;
    if (shown && at - written < EVERY_MS && done < total) return;
    stream.write(`${ERASE}keymgmt-lint: linted ${done}/${total} modules`);
    shown = true;
    written = at;
  };
  const end = () => {
    if (shown) stream.write(ERASE);
    shown = false;
  };
  update(0);
  return { update, end };
}

// CI services set CI (to `true`, `1`, or a name); `CI=false` or `CI=0` says it is not one.
function inCI(env) {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && !/^(false|0)$/i.test(ci);
}
