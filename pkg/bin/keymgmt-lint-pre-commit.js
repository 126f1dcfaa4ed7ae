#!/usr/bin/env node
// The pre-commit hook (.pre-commit-hooks.yaml at the repository root): pre-commit passes the
// staged Terraform files; a module must be linted whole, so this lints the directory of each
// instead, running the keymgmt-lint CLI once over all of them.
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

/** The directories of the given files, each once, in the order first seen; modules only. */
function moduleDirs(files) {
  const dirs = [...new Set(files.map((file) => path.dirname(file)))];
  return dirs.filter((dir) => {
    try {
      return readdirSync(dir).some((name) => CONFIG_FILE.test(name));
    } catch {
      // Gone since pre-commit listed it: let the CLI say so.
      return true;
    }
  });
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
  const dirs = moduleDirs(files);
  if (dirs.length === 0) return 0;
  const cli = cliPath();
  if (!cli) {
    process.stderr.write(
      'keymgmt-lint-pre-commit: cannot find the keymgmt-lint package; list it in the hook\'s ' +
        'additional_dependencies, e.g. [keymgmt-lint@0.1.0]\n',
    );
    return 2;
  }
  // `--` so that a directory named like an option stays a path.
  const result = spawnSync(process.execPath, [cli, ...options, '--', ...dirs], { stdio: 'inherit' });
  if (result.error) {
    process.stderr.write(`keymgmt-lint-pre-commit: ${result.error.message}\n`);
    return 2;
  }
  return result.status ?? 2;
}

process.exitCode = run(process.argv.slice(2));
