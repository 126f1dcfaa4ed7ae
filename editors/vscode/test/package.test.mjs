// The extension packaged as VS Code installs it (`vsce package`, offline), and the language
// server inside the .vsix run as VS Code runs it (the module, with --stdio) by a real LSP client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/node';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

test('the .vsix holds the client, the server with its core, and a manifest that activates on Terraform files', async (t) => {
  const packaged = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(packaged.status, 0, packaged.stdout + packaged.stderr);
  const vsix = path.join(ROOT, 'keymgmt-lint.vsix');
  const listing = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).stdout.split('\n');
  for (const file of [
    'extension/package.json',
    'extension/LICENSE.txt',
    'extension/dist/extension.js',
    'extension/dist/licenses/vscode-languageclient.LICENSE',
    'extension/server/bin/keymgmt-lint-language-server.js',
    'extension/server/dist/language-server.js',
    'extension/server/dist/keymgmt_lint_bg.wasm',
    'extension/server/docs/rules/purpose-key-type.md',
  ]) {
    assert.ok(listing.includes(file), `${file} is missing from the .vsix: ${listing.join(' ')}`);
  }
  assert.ok(!listing.some((file) => file.startsWith('extension/src/') || file.includes('node_modules')), 'sources and node_modules stay out');

  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.ok(manifest.activationEvents.includes('onLanguage:terraform'));
  assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(), [
    'keymgmtLint.callModuleType',
    'keymgmtLint.enable',
    'keymgmtLint.rules',
    'keymgmtLint.trace.server',
  ]);
  // The client bundle needs nothing at run time but VS Code's own module and Node's.
  const client = readFileSync(path.join(ROOT, 'dist', 'extension.js'), 'utf8');
  const required = new Set([...client.matchAll(/require\("([^"]+)"\)/g)].map(([, name]) => name));
  assert.deepEqual([...required].filter((name) => name !== 'vscode' && !name.startsWith('node:') && !builtinModules.includes(name)), []);

  // The server from inside the .vsix, unpacked, as VS Code starts it.
  const unpacked = mkdtempSync(path.join(tmpdir(), 'keymgmt-vsix-'));
  t.after(() => rmSync(unpacked, { recursive: true, force: true }));
  assert.equal(spawnSync('unzip', ['-q', vsix, '-d', unpacked]).status, 0);
  const module = path.join(unpacked, 'extension', 'server', 'bin', 'keymgmt-lint-language-server.js');
  const child = spawn(process.execPath, [module, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  t.after(() => {
    child.kill();
    connection.dispose();
  });
  const file = path.join(unpacked, 'main.tf');
  const text = 'resource "vault_keymgmt_key" "k" {\n  path = "keymgmt"\n  name = "k"\n  type = "aes256-gcm97"\n}\n';
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const published = new Promise((resolve) =>
    connection.onNotification('textDocument/publishDiagnostics', (params) => params.uri === uri && resolve(params.diagnostics)),
  );
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text } });
  const diagnostics = await published;
  const invalid = diagnostics.find((d) => d.code === 'invalid-value');
  assert.ok(invalid, JSON.stringify(diagnostics));
  assert.equal(invalid.range.start.line, 3);
  assert.match(invalid.codeDescription.href, /extension\/server\/docs\/rules\/invalid-value\.md$/);
  await connection.sendRequest('shutdown');
});

