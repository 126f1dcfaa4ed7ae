#!/usr/bin/env node
// The pre-commit hook (.pre-commit-hooks.yaml at the repository root): pre-commit passes the
// staged Terraform files; a module must be linted whole, and a called module through the root
// modules that call it, so this runs the keymgmt-lint CLI once over the repository
// (`--recursive`, from pre-commit's working directory, the repository's top) and lets it lint the
// root modules whose configuration holds a staged file (`--changed`).
//
//   keymgmt-lint-pre-commit [keymgmt-lint options...] FILE...
//
// pre-commit puts the hook's `args` first and the file names last: the trailing arguments that
// name Terraform files (.tf, .tf.json, .tfvars, .tfvars.json) are the files, everything before
// them goes to keymgmt-lint unchanged (write `--var-file=FILE` to keep a variable file out of
// the file names). A directory with no .tf or .tf.json file (e.g. one holding only
// `prod.tfvars`) is not a module and is skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TERRAFORM_FILE = /\.(tf|tfvars)(\.json)?$/;
const CONFIG_FILE = /\.tf(\.json)?$/;

function splitArgs(argv) {
  let start = argv.length;
  while (start > 0 && TERRAFORM_FILE.test(argv[start - 1]) && argv[start - 2] !== '--var-file') start--;
  return { options: argv.slice(0, start), files: argv.slice(start) };
}

/** The files that are in a module's directory: only those can be part of a configuration. */
function moduleFiles(files) {
  const isModule = new Map();
  return files.filter((file) => {
    const dir = path.dirname(file);
    if (!isModule.has(dir)) isModule.set(dir, holdsModule(dir));
    return isModule.get(dir);
  });
}

function holdsModule(dir) {
  try {
    return readdirSync(dir).some((name) => CONFIG_FILE.test(name));
  } catch {
    return false;
  }
}

// The CLI beside this script (this checkout, or the keymgmt-lint package itself), else the
// keymgmt-lint package installed next to the hook (pre-commit's `additional_dependencies`).
function cliPath() {
  const sibling = fileURLToPath(new URL('./keymgmt-lint.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  let manifest;
  try {
    manifest = createRequire(import.meta.url).resolve('keymgmt-lint/package.json');
  } catch {
    return undefined;
  }
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin['keymgmt-lint']);
}

function run(argv) {
  const { options, files } = splitArgs(argv);
  const changed = moduleFiles(files);
  if (changed.length === 0) return 0;
  const cli = cliPath();
  if (!cli) {
    process.stderr.write(
      'keymgmt-lint-pre-commit: cannot find the keymgmt-lint package; list it in the hook\'s ' +
        'additional_dependencies, e.g. [keymgmt-lint@0.1.0]\n',
    );
    return 2;
  }
  // `--changed=FILE` and `--`, so that a file named like an option stays a path.
  const args = [...options, '--recursive', ...changed.map((file) => `--changed=${file}`), '--', '.'];
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
  if (result.error) {
    process.stderr.write(`keymgmt-lint-pre-commit: ${result.error.message}\n`);
    return 2;
  }
  return result.status ?? 2;
}

process.exitCode = run(process.argv.slice(2));
