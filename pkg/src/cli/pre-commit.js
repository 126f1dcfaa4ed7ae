// The pre-commit hook (bin/keymgmt-lint-pre-commit.js): pre-commit passes the hook's `args`, then
// the staged files. They are read with the CLI's own parser, so an option's value is never taken
// for a staged file nor a staged file for an option's value, wherever the args put them
// (`--var-file prod.tfvars`, `--var-file=prod.tfvars`); every argument that is not an option or
// an option's value is a staged file. A module must be linted whole, and a called module through
// the root modules that call it: so the repository (pre-commit's working directory, its top) is
// linted with --recursive, and --changed keeps the root modules whose configuration holds a
// staged file.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseCliArgs } from './args.js';
import { holdsModule } from './collect.js';

const TERRAFORM_FILE = /\.(tf|tfvars)(\.json)?$/;

/**
 * @param {string[]} argv the hook's args and the staged files
 * @returns {object | undefined} the CLI's settings for the run, or undefined when no staged file
 *   is in a module directory (e.g. only `vars/prod.tfvars`, beside no `.tf` file): nothing to lint
 */
export function preCommitArgs(argv) {
  const args = parseCliArgs(['--recursive', ...argv]);
  // Many staged files share a directory: each is listed once.
  const modules = new Map();
  const inModuleDirectory = (file) => {
    const dir = path.dirname(file);
    if (!modules.has(dir)) modules.set(dir, isModule(dir));
    return modules.get(dir);
  };
  const staged = args.paths.filter((file) => TERRAFORM_FILE.test(file) && inModuleDirectory(file));
  if (staged.length === 0 && !args.help && !args.version) return undefined;
  return { ...args, paths: ['.'], changed: [...(args.changed ?? []), ...staged] };
}

function isModule(dir) {
  try {
    return holdsModule(dir, readdirSync(dir, { withFileTypes: true }));
  } catch {
    return false;
  }
}
