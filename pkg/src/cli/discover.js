// --recursive: finds the module directories of directory trees, every directory that holds a
// `*.tf` or `*.tf.json` file.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { holdsModule } from './collect.js';
import { UsageError, cannotRead } from './errors.js';

// Not the tree's own modules: what `terraform init` installed (linted through the calls that
// name it), npm's packages, git's objects.
const SKIPPED = new Set(['.terraform', 'node_modules', '.git']);

/**
 * The module directories in and below each of `dirs`: each once, in the order the trees are given
 * and, within a tree, a directory before those below it and siblings sorted by name, so that every
 * run lists them alike. Symbolic links to directories are not entered: a link cannot lead the
 * search round in a loop.
 *
 * @param {string[]} dirs
 * @returns {string[]} paths as the user spelled the trees (`infra/prod` below `infra`)
 */
export function findModuleDirs(dirs) {
  const found = new Map();
  for (const top of dirs) {
    if (!statOrThrow(top).isDirectory()) {
      throw new UsageError(`--recursive searches directories, and ${top} is not one`, { pointToHelp: true });
    }
    let modules = 0;
    const pending = [top];
    while (pending.length > 0) {
      const dir = pending.pop();
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        throw cannotRead(dir, error);
      }
      if (holdsModule(dir, entries)) {
        modules++;
        const key = path.resolve(dir);
        if (!found.has(key)) found.set(key, dir);
      }
      const below = entries.filter((entry) => entry.isDirectory() && !SKIPPED.has(entry.name)).map((entry) => entry.name);
      // Reversed onto the stack, so that they come off it in name order.
      pending.push(...below.sort().reverse().map((name) => path.join(dir, name)));
    }
    // As for a directory linted alone: linting the wrong tree must not pass silently.
    if (modules === 0) throw new UsageError(`${top} has no Terraform files (*.tf, *.tf.json) in it or below`);
  }
  return [...found.values()];
}

function statOrThrow(file) {
  try {
    return statSync(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
}
