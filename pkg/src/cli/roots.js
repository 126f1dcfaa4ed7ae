// --recursive: which of the module directories found are root modules, from the calls between
// them. A module that another one calls is linted through its callers, where its variables have
// the values they pass; linted alone, every variable would be unknown.
import path from 'node:path';

/**
 * @param {string[]} dirs the module directories found, in their order
 * @param {(dir: string) => string[]} callsOf the directories a module calls (absolute, without itself)
 * @param {{ includeCalled?: boolean, changed?: string[] }} [choice] `includeCalled`: every module
 *   is also a root of its own; `changed`: only the roots whose configuration (the root or a module
 *   it calls, directly or not) holds one of these files
 * @returns {string[]} the roots, in the order of `dirs`
 */
export function chooseRoots(dirs, callsOf, { includeCalled = false, changed } = {}) {
  const calls = new Map();
  const callsFrom = (dir) => {
    if (!calls.has(dir)) calls.set(dir, callsOf(dir));
    return calls.get(dir);
  };
  const reach = reachFrom(callsFrom);
  const keys = dirs.map((dir) => path.resolve(dir));
  const called = new Set(keys.flatMap((key) => [...reach(key)].filter((other) => other !== key)));
  const roots = new Set(includeCalled ? keys : keys.filter((key) => !called.has(key)));
  // Modules that only call each other in a ring have no caller outside it: the first stands for it.
  const covered = new Set([...roots].flatMap((key) => [...reach(key)]));
  for (const key of keys) {
    if (covered.has(key)) continue;
    roots.add(key);
    reach(key).forEach((dir) => covered.add(dir));
  }
  const touched = changed && new Set(changed.map((file) => path.dirname(path.resolve(file))));
  return dirs.filter((dir, i) => roots.has(keys[i]) && (!touched || [...reach(keys[i])].some((d) => touched.has(d))));
}

// The directories of a module's configuration: itself and every module it calls, however deep.
function reachFrom(callsFrom) {
  const memo = new Map();
  return (start) => {
    if (memo.has(start)) return memo.get(start);
    const seen = new Set([start]);
    const pending = [start];
    while (pending.length > 0) {
      for (const dir of callsFrom(pending.pop())) {
        if (!seen.has(dir)) {
          seen.add(dir);
          pending.push(dir);
        }
      }
    }
    memo.set(start, seen);
    return seen;
  };
}
