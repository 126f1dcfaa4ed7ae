// The language server in a real editor: headless Neovim (Debian's `neovim`, installed by
// scripts/setup.sh) opens a bad .tf file with the server attached through its built-in LSP client,
// and writes back the diagnostics it received.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../bin/keymgmt-lint-language-server.js', import.meta.url));

// Neovim 0.7's API (Debian 12's): start_client and buf_attach_client, then wait for diagnostics.
const CLIENT = `
local out = os.getenv('KEYMGMT_NVIM_OUT')
local id = vim.lsp.start_client({
  name = 'keymgmt-lint',
  cmd = { os.getenv('KEYMGMT_NODE'), os.getenv('KEYMGMT_SERVER'), '--stdio' },
  root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(0, id)
local received = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(found, { lnum = d.lnum, col = d.col, message = d.message, source = d.source, severity = d.severity })
end
local file = io.open(out, 'w')
file:write(vim.fn.json_encode({ received = received, diagnostics = found }))
file:close()
vim.lsp.stop_client(id)
vim.cmd('qa!')
`;

test('headless Neovim receives the diagnostics of a bad .tf file', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keymgmt-nvim-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    path.join(dir, 'main.tf'),
    `resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

resource "vault_keymgmt_key" "key" {
  path = vault_mount.keymgmt.path
  name = "payments"
  type = "aes256-gcm97"
}
`,
  );
  writeFileSync(path.join(dir, 'client.lua'), CLIENT);
  const out = path.join(dir, 'out.json');
  const nvim = spawnSync('nvim', ['--headless', '--clean', 'main.tf', '-c', 'luafile client.lua'], {
    cwd: dir,
    env: { ...process.env, KEYMGMT_NVIM_OUT: out, KEYMGMT_NODE: process.execPath, KEYMGMT_SERVER: SERVER },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(nvim.error, undefined, `cannot run nvim (scripts/setup.sh installs Debian's neovim): ${nvim.error?.message}`);
  assert.equal(nvim.status, 0, nvim.stderr);
  const { received, diagnostics } = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(received, true, 'Neovim received no diagnostics');
  const invalid = diagnostics.find((d) => d.message.includes('aes256-gcm97'));
  assert.ok(invalid, JSON.stringify(diagnostics));
  assert.equal(invalid.source, 'keymgmt-lint');
  assert.equal(invalid.lnum, 8);
  assert.equal(invalid.col, 9);
  assert.equal(invalid.severity, 1);
});
