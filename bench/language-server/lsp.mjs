// Times the language server from a keystroke to the diagnostics it publishes: a module of about
// 100 resources (bench/gen.mjs) is opened, then edited many times, one didChange at a time; each
// edit waits for its publishDiagnostics. Prints the median and the 95th percentile; no thresholds.
//
//   node bench/language-server/lsp.mjs          → 30 keys (about 100 resources), 300 edits
//   node bench/language-server/lsp.mjs 300 1000 → 300 keys, 1,000 edits
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection } from '../../pkg/node_modules/vscode-languageserver-protocol/lib/node/main.js';
import { moduleText } from '../gen.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER = path.join(ROOT, 'pkg', 'bin', 'keymgmt-lint-language-server.js');
const WARM_UP = 30;
const [keys = 30, edits = 300] = process.argv.slice(2).map(Number);

const dir = path.join(ROOT, 'bench', 'out', `lsp-${keys}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const text = moduleText(keys);
const file = path.join(dir, 'main.tf');
writeFileSync(file, text);
const uri = pathToFileURL(file).href;

const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
let resolveNext;
let published;
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  if (params.uri !== uri) return;
  published = params.diagnostics;
  resolveNext?.();
});
connection.listen();
await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
await connection.sendNotification('initialized', {});
const next = () => new Promise((resolve) => (resolveNext = resolve));

let wait = next();
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text } });
await wait;

// Each edit changes a comment at the end, as typing does: the module's meaning stays, so every
// lint does the whole work of a clean module.
const times = [];
for (let i = 0; i < WARM_UP + edits; i++) {
  wait = next();
  const start = performance.now();
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: i + 2 },
    contentChanges: [{ text: `${text}# edit ${i}\n` }],
  });
  await wait;
  if (i >= WARM_UP) times.push(performance.now() - start);
}
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();

times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
const resources = (text.match(/^resource /gm) ?? []).length;
console.log(
  `keymgmt-lint-language-server, didChange → publishDiagnostics, ${resources} resources (${(text.length / 1024).toFixed(1)} KiB), ` +
    `${edits} edits after ${WARM_UP} to warm up, ${published.length} diagnostics, Node ${process.version}\n`,
);
console.log('| median ms | p95 ms | max ms |');
console.log('| --- | --- | --- |');
console.log(`| ${at(0.5).toFixed(2)} | ${at(0.95).toFixed(2)} | ${times.at(-1).toFixed(2)} |`);
