// "Did you mean ...?" for a mistyped option or rule id: the nearest of the names the CLI knows,
// when it is near enough to be a typo of it rather than another word.

/**
 * @param {string} word what the user typed
 * @param {Iterable<string>} candidates the names it may be a typo of
 * @returns {string | undefined}
 */
export function closest(word, candidates) {
  let best;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Two edits at least, more for longer words: `--recursiv`, `--max-warning`, `--formt`.
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

// Levenshtein distance, one row at a time: the words are option names and rule ids, a few dozen
// characters at most.
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
