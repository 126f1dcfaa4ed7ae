#!/usr/bin/env node
// The pre-commit hook (https://pre-commit.com): pre-commit runs it from the repository's top with
// the hook's `args` and then the staged Terraform files,
//
//   keymgmt-lint-pre-commit [keymgmt-lint options...] FILE...
//
// and the CLI lints each whole root module whose configuration holds a staged file (a called
// module through the root modules that call it). Which arguments are options, their values or
// staged files, the CLI's own parser decides (src/cli/pre-commit.js), so an argument that starts
// with `-` is never a file, and a value such as `--var-file prod.tfvars` never a staged file.
//
// It runs the CLI beside it (this package: `repo: local` hooks call it as the package's
// `keymgmt-lint-pre-commit` bin) or, installed on its own from the repository root's package.json
// (pre-commit's `repo:` + `rev:`), the CLI of the keymgmt-lint package installed next to it from
// the hook's `additional_dependencies`.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function cliBundle() {
  const sibling = new URL('../dist/cli.js', import.meta.url);
  if (existsSync(sibling)) return sibling;
  let manifest;
  try {
    manifest = createRequire(import.meta.url).resolve('keymgmt-lint/package.json');
  } catch {
    return undefined;
  }
  const bundle = path.join(path.dirname(manifest), 'dist', 'cli.js');
  return existsSync(bundle) ? pathToFileURL(bundle) : undefined;
}

const bundle = cliBundle();
if (bundle) {
  const { main } = await import(bundle);
  process.exitCode = await main(
    process.argv.slice(2),
    { stdout: process.stdout, stderr: process.stderr, env: process.env },
    { preCommit: true },
  );
} else {
  process.stderr.write(
    "keymgmt-lint-pre-commit: cannot find the keymgmt-lint package; list it in the hook's " +
      'additional_dependencies (its name and version, or the path or URL of its tarball)\n',
  );
  process.exitCode = 2;
}
