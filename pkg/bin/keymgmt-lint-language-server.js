#!/usr/bin/env node
// The language server: `keymgmt-lint-language-server --stdio`, as editors start it. It speaks the
// Language Server Protocol on standard input and output (src/lsp/server.js, bundled into
// dist/language-server.js by `npm run build`).
import { existsSync, readFileSync } from 'node:fs';

const USAGE = `Usage: keymgmt-lint-language-server --stdio

The keymgmt-lint language server: diagnostics, quick fixes, hover and completion for Terraform
configurations of Vault's Key Management secrets engine, over the Language Server Protocol on
standard input and output. Editors start it; see the keymgmt-lint README for their settings.

  --stdio      speak LSP on standard input and output (the only transport)
  --version    print the version and exit
  --help       print this help and exit
`;

const args = process.argv.slice(2);
const server = new URL('../dist/language-server.js', import.meta.url);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
} else if (args.includes('--version')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`keymgmt-lint-language-server ${version}\n`);
} else if (!args.includes('--stdio')) {
  process.stderr.write('keymgmt-lint-language-server: run it with --stdio (see --help)\n');
  process.exitCode = 2;
} else if (!existsSync(server)) {
  process.stderr.write('keymgmt-lint-language-server: dist/language-server.js is missing; run `npm run build` in the package directory (pkg/)\n');
  process.exitCode = 2;
} else {
  const { startServer } = await import(server);
  startServer();
}
