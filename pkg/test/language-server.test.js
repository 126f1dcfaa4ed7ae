// The language server driven over stdio by a real LSP client (vscode-languageserver-protocol's
// connection), as an editor drives it: the bin, the bundle and the WebAssembly core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/node';

const SERVER = new URL('../bin/keymgmt-lint-language-server.js', import.meta.url);
const FIXES = new URL('../../tests/fixes/', import.meta.url);

const MOUNT = `resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}
`;
const keys = (type) => `${MOUNT}
resource "vault_keymgmt_key" "signer" {
  path = vault_mount.keymgmt.path
  name = "signer"
  type = "${type}"
}
`;
const DIST = `resource "vault_keymgmt_gcp_kms" "gcp" {
  path           = vault_mount.keymgmt.path
  name           = "gcp-kms"
  key_collection = "projects/my-project/locations/us-central1/keyRings/my-keyring"
}

resource "vault_keymgmt_distribute_key" "signer" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_gcp_kms.gcp.name
  key_name = vault_keymgmt_key.signer.name
  purpose  = ["sign"]
}
`;

/** Starts the server and an initialised client; `diagnostics(uri)` waits for the next publication. */
async function start(t, { positionEncodings, env = {}, initializationOptions } = {}) {
  const child = spawn(process.execPath, [SERVER.pathname, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map();
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', ({ uri, diagnostics }) => {
    published.set(uri, diagnostics);
    const waiter = waiting.get(uri);
    if (waiter) {
      waiting.delete(uri);
      waiter(diagnostics);
    }
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  t.after(() => {
    child.kill();
    connection.dispose();
  });
  const initialized = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      general: positionEncodings && { positionEncodings },
      textDocument: { publishDiagnostics: { relatedInformation: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
    },
    initializationOptions,
  });
  await connection.sendNotification('initialized', {});
  const versions = new Map();
  return {
    connection,
    initialized,
    exited,
    stderr: () => stderr,
    published,
    /** The next diagnostics published for `uri`, within a few seconds. */
    diagnostics: (uri) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}; server stderr: ${stderr}`)), 10_000);
        waiting.set(uri, (d) => {
          clearTimeout(timer);
          resolve(d);
        });
      }),
    open: (uri, text) => {
      versions.set(uri, 1);
      return connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text } });
    },
    change: (uri, text) => {
      versions.set(uri, versions.get(uri) + 1);
      return connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: versions.get(uri) }, contentChanges: [{ text }] });
    },
  };
}

function moduleDir(t, files) {
  const dir = mkdtempSync(path.join(tmpdir(), 'keymgmt-lsp-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { dir, uri: (name) => pathToFileURL(path.join(dir, name)).href };
}

// Applies LSP text edits (UTF-16 positions) to a text.
function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = ({ line, character }) => lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((acc, edit) => acc.slice(0, offset(edit.range.start)) + edit.newText + acc.slice(offset(edit.range.end)), text);
}

test('a module of two files: a change in one updates the diagnostics of the other, then shuts down cleanly', async (t) => {
  const { dir, uri } = moduleDir(t, { 'keys.tf': keys('aes256-gcm96'), 'dist.tf': DIST });
  const server = await start(t);
  assert.equal(server.initialized.serverInfo.name, 'keymgmt-lint-language-server');
  const first = server.diagnostics(uri('dist.tf'));
  await server.open(uri('dist.tf'), DIST);
  const found = await first;
  const purpose = found.find((d) => d.code === 'purpose-key-type');
  assert.ok(purpose, JSON.stringify(found));
  assert.equal(purpose.source, 'keymgmt-lint');
  assert.equal(purpose.severity, 1);
  assert.equal(purpose.range.start.line, DIST.split('\n').findIndex((l) => l.includes('purpose')), 'the purpose line of dist.tf, 0-based');
  assert.match(purpose.codeDescription.href, /^file:.*docs\/rules\/purpose-key-type\.md$/);
  assert.ok(purpose.relatedInformation.some((r) => r.location.uri === uri('keys.tf')), 'the key in keys.tf is related');

  // keys.tf opened and edited, not saved: the distribution of a signing key is fine.
  await server.open(uri('keys.tf'), keys('aes256-gcm96'));
  await server.diagnostics(uri('dist.tf'));
  const after = server.diagnostics(uri('dist.tf'));
  await server.change(uri('keys.tf'), keys('rsa-2048'));
  assert.deepEqual(
    (await after).filter((d) => d.code === 'purpose-key-type'),
    [],
  );
  assert.deepEqual(server.published.get(uri('keys.tf')), [], 'a clean open file is published, empty');
  assert.equal(readFileSync(path.join(dir, 'keys.tf'), 'utf8'), keys('aes256-gcm96'), 'nothing written to disk');

  await server.connection.sendRequest('shutdown');
  await server.connection.sendNotification('exit');
  assert.equal(await server.exited, 0);
});

test('quick fixes and "fix all" as code actions, the same edits as --fix', async (t) => {
  const before = readFileSync(new URL('misspelt-argument.before.tf', FIXES), 'utf8');
  const expected = readFileSync(new URL('misspelt-argument.after.tf', FIXES), 'utf8');
  const { uri } = moduleDir(t, { 'main.tf': before });
  const server = await start(t);
  const published = server.diagnostics(uri('main.tf'));
  await server.open(uri('main.tf'), before);
  const diagnostics = await published;
  const misspelt = diagnostics.find((d) => d.code === 'unknown-argument');
  assert.ok(misspelt, JSON.stringify(diagnostics));

  const actions = await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: uri('main.tf') },
    range: misspelt.range,
    context: { diagnostics: [misspelt] },
  });
  const quickFix = actions.find((a) => a.kind === 'quickfix');
  assert.ok(quickFix, JSON.stringify(actions));
  assert.equal(quickFix.isPreferred, true);
  assert.equal(applyEdits(before, quickFix.edit.changes[uri('main.tf')]), expected);

  const fixAll = await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: uri('main.tf') },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.deepEqual(fixAll.map((a) => a.kind), ['source.fixAll.keymgmt-lint']);
  assert.equal(applyEdits(before, fixAll[0].edit.changes[uri('main.tf')]), expected);

  // Applied, as the editor would: no problem left to fix.
  const again = server.diagnostics(uri('main.tf'));
  await server.change(uri('main.tf'), expected);
  assert.equal((await again).filter((d) => d.code === 'unknown-argument').length, 0);
});

test('hover and completion come from the resource schemas', async (t) => {
  const text = `${MOUNT}
resource "vault_keymgmt_key" "k" {
  path = vault_mount.keymgmt.path
  type = "
}
`;
  const { uri } = moduleDir(t, { 'main.tf': text });
  const server = await start(t);
  await server.open(uri('main.tf'), text);
  const lines = text.split('\n');
  const keyLine = lines.findIndex((l) => l.startsWith('resource "vault_keymgmt_key"'));

  const onType = await server.connection.sendRequest('textDocument/hover', {
    textDocument: { uri: uri('main.tf') },
    position: { line: keyLine, character: 14 },
  });
  assert.match(onType.contents.value, /vault_keymgmt_key/);
  assert.match(onType.contents.value, /Key Management/);

  const onArgument = await server.connection.sendRequest('textDocument/hover', {
    textDocument: { uri: uri('main.tf') },
    position: { line: keyLine + 2, character: 3 },
  });
  assert.match(onArgument.contents.value, /\*\*`type`\*\*/);
  assert.match(onArgument.contents.value, /`rsa-2048`/);

  const values = await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri: uri('main.tf') },
    position: { line: keyLine + 2, character: lines[keyLine + 2].length },
  });
  const labels = values.map((item) => item.label);
  assert.ok(labels.includes('aes256-gcm96') && labels.includes('rsa-2048'), labels.join(' '));

  const names = await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri: uri('main.tf') },
    position: { line: keyLine + 1, character: 2 },
  });
  const arguments_ = names.map((item) => item.label);
  for (const name of ['name', 'deletion_allowed', 'replica_regions']) assert.ok(arguments_.includes(name), arguments_.join(' '));
});

test('positions in UTF-8 when the client offers it, UTF-16 otherwise', async (t) => {
  // Four bytes in UTF-8, two code units in UTF-16, before the misspelt argument's value.
  const text = `${MOUNT}
resource "vault_keymgmt_key" "k" {
  path = vault_mount.keymgmt.path
  name = "k"
  type = "aes256-gcm96"
  /* 🔑 */ deletion_alowed = true
}
`;
  const line = text.split('\n').findIndex((l) => l.includes('deletion_alowed'));
  const at = { 'utf-8': 2 + 3 + 4 + 4, 'utf-16': 2 + 3 + 2 + 4 };
  for (const encoding of ['utf-8', 'utf-16']) {
    const { uri } = moduleDir(t, { 'main.tf': text });
    const server = await start(t, { positionEncodings: [encoding] });
    assert.equal(server.initialized.capabilities.positionEncoding, encoding);
    const published = server.diagnostics(uri('main.tf'));
    await server.open(uri('main.tf'), text);
    const misspelt = (await published).find((d) => d.code === 'unknown-argument');
    assert.ok(misspelt);
    assert.deepEqual(misspelt.range.start, { line, character: at[encoding] }, encoding);
  }
});

test('the config file is honoured and watched, and settings from the editor win over it', async (t) => {
  const text = `${keys('aes256-gcm96')}${DIST}`;
  const { dir, uri } = moduleDir(t, { 'main.tf': text, '.keymgmt-lint.json': JSON.stringify({ rules: { 'purpose-key-type': 'warning' } }) });
  const server = await start(t);
  const published = server.diagnostics(uri('main.tf'));
  await server.open(uri('main.tf'), text);
  assert.equal((await published).find((d) => d.code === 'purpose-key-type')?.severity, 2);

  writeFileSync(path.join(dir, '.keymgmt-lint.json'), JSON.stringify({ rules: { 'purpose-key-type': 'info' } }));
  const changed = server.diagnostics(uri('main.tf'));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('.keymgmt-lint.json'), type: 2 }] });
  assert.equal((await changed).find((d) => d.code === 'purpose-key-type')?.severity, 3);

  const off = server.diagnostics(uri('main.tf'));
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { keymgmtLint: { rules: { 'purpose-key-type': 'off' } } } });
  assert.equal((await off).find((d) => d.code === 'purpose-key-type'), undefined);
});

test('an unsaved buffer (untitled:) is not linted, and the server goes on', async (t) => {
  const { uri } = moduleDir(t, { 'main.tf': MOUNT });
  const server = await start(t);
  await server.open('untitled:Untitled-1', 'resource "vault_keymgmt_key" "k" {\n  nmae = "k"\n}\n');
  const published = server.diagnostics(uri('main.tf'));
  await server.open(uri('main.tf'), MOUNT);
  assert.deepEqual(await published, []);
  assert.equal(server.published.has('untitled:Untitled-1'), false);
  assert.equal(server.stderr(), '');
});

test('a panic in the core is a diagnostic, and the server goes on answering', async (t) => {
  const { uri } = moduleDir(t, { 'main.tf': MOUNT });
  const server = await start(t, { env: { KEYMGMT_LINT_TEST_PANIC: '1' } });
  const published = server.diagnostics(uri('main.tf'));
  await server.open(uri('main.tf'), MOUNT);
  const [failure] = await published;
  assert.match(failure.message, /could not check this module: internal error/);
  const hover = await server.connection.sendRequest('textDocument/hover', {
    textDocument: { uri: uri('main.tf') },
    position: { line: 0, character: 12 },
  });
  assert.match(hover.contents.value, /vault_mount/);
  await server.connection.sendRequest('shutdown');
  await server.connection.sendNotification('exit');
  assert.equal(await server.exited, 0);
});
