// The line a clean run prints on a terminal, so that a person sees the lint ran and on what;
// scripts and pipes still get nothing (a clean report is empty, as ESLint's is).

/**
 * @param {{ files: number, resources: number }} summary
 * @param {number} milliseconds how long the run took
 * @param {boolean} color
 */
export function cleanRunLine({ files, resources }, milliseconds, color) {
  const text = `✔ No problems: ${plural(files, 'file')}, ${plural(resources, 'resource')} in ${Math.round(milliseconds)} ms`;
  return `${color ? `\x1b[32m${text}\x1b[39m` : text}\n`;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
