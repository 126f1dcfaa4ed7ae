// The playground in headless Debian Chromium, against the built site (npm run build) on 127.0.0.1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rules as coreRules } from '../../pkg/src/index.js';
import { start, waitForLint } from './browser.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
let b;

before(async () => {
  b = await start({ permissions: ['clipboard-read', 'clipboard-write'] });
});
after(async () => {
  await b?.close();
});

async function open(url = b.url) {
  const page = await b.newPage();
  page.requests = [];
  page.on('request', (r) => page.requests.push(r.url()));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  await waitForLint(page);
  return page;
}

// Picks an example from the menu and waits for the lint of its text.
async function pick(page, id) {
  const before = await page.evaluate(() => window.playground.lintCount);
  await page.selectOption('#examples', id);
  return waitForLint(page, before + 1);
}

const squiggles = (page, severity = 'error') => page.locator(`#editor .cm-lintRange-${severity}`);
const problems = (page) => page.locator('#problems li.problem');

describe('the playground', () => {
  test('loads with the core, its rules and no policy violation or foreign request', async () => {
    const page = await open();
    assert.equal(await page.title(), 'keymgmt-lint playground');
    assert.match(await page.locator('#version').textContent(), /^v\d+\.\d+\.\d+/);
    await page.locator('#tab-rules').click();
    await page.waitForFunction((n) => document.querySelectorAll('#rules details.rule').length === n, coreRules().length);
    assert.equal(await page.locator('#rule-count').textContent(), String(coreRules().length));
    await page.locator('#rule-protection-unsupported summary').click();
    assert.match(await page.locator('#rule-protection-unsupported .rule-docs').textContent(), /Why it matters/);
    assert.deepEqual(page.problems, []);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    const foreign = page.requests.filter((u) => !u.startsWith(b.url) && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
    assert.ok(page.requests.some((u) => u.endsWith('/keymgmt_lint_bg.wasm')), 'the .wasm is served by the site');
    await page.close();
  });

  test('an example with an HSM mistake shows a squiggle with its hover, and a problems entry', async () => {
    const page = await open();
    const report = await pick(page, 'bad-hsm');
    assert.deepEqual(report.diagnostics.map((d) => d.rule), ['protection-unsupported']);
    await squiggles(page).first().waitFor();
    assert.equal(await squiggles(page).count(), 1);
    assert.equal(await squiggles(page).textContent(), '"hsm"');
    assert.equal(await problems(page).count(), 1);
    assert.equal(await problems(page).getAttribute('data-rule'), 'protection-unsupported');
    assert.match(await problems(page).textContent(), /^✖41:16.*Standard SKU.*protection-unsupported$/);
    assert.equal(await page.locator('#summary').getAttribute('data-errors'), '1');
    assert.equal(await page.locator('#problem-count').textContent(), '1');

    await squiggles(page).hover();
    const tip = page.locator('#editor .cm-tooltip-lint');
    await tip.waitFor();
    assert.match(await tip.textContent(), /error\s*protection-unsupported.*Standard SKU.*help:/s);
    await tip.locator('.rule-link').click();
    assert.equal(await page.locator('#rule-protection-unsupported').getAttribute('open'), '');
    assert.equal(await page.locator('#rules-panel').isVisible(), true);
    await page.close();
  });

  test('clicking a problem selects its span, and typing the fix clears the squiggle and the panel', async () => {
    const page = await open();
    await pick(page, 'bad-hsm');
    await squiggles(page).first().waitFor();
    assert.equal(await squiggles(page).count(), 1);
    await problems(page).click();
    const selected = await page.evaluate(() => ({ text: window.playground.selected, count: window.playground.lintCount }));
    assert.equal(selected.text, '"hsm"');
    await page.keyboard.type('"software"');
    await waitForLint(page, selected.count + 1);
    // Each keystroke relints; the last one leaves a clean report.
    await page.waitForFunction(() => window.playground.report.diagnostics.length === 0);
    assert.match(await page.evaluate(() => window.playground.text), /protection = "software"/);
    await page.waitForFunction(() => document.querySelector('#problems li.clean'));
    assert.equal(await squiggles(page).count(), 0);
    assert.equal(await problems(page).count(), 0);
    assert.equal(await page.locator('#summary').getAttribute('data-errors'), '0');
    await page.close();
  });

  test('a share link restores the editor content in a new page', async () => {
    const page = await open();
    await pick(page, '002-replicate-key');
    const text = `# shared: ünïcødé ✓ and a mistake\n${await page.evaluate(() => window.playground.text)}`.replace('"eu-west-1"', '"moon-1"');
    const count = await page.evaluate(() => window.playground.lintCount);
    await page.evaluate((t) => window.playground.setText(t), text);
    await waitForLint(page, count + 1);
    await page.locator('#share').click();
    await page.waitForFunction(() => location.hash.startsWith('#code='));
    const url = page.url();
    assert.ok(url.length < 2000, `a short link (${url.length} characters)`);
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, url);

    const other = await open(url);
    assert.equal(await other.evaluate(() => window.playground.text), text);
    const report = await other.evaluate(() => window.playground.report);
    assert.deepEqual(report.diagnostics.map((d) => d.rule), ['replica-region-invalid']);
    assert.equal(await other.locator('#examples').inputValue(), '');
    await other.close();

    const broken = await open(`${b.url}#code=not-deflate`);
    assert.match(await broken.locator('#toast').textContent(), /damaged/);
    await broken.close();
    await page.close();
  });

  test('the key graph draws one node per keymgmt resource and marks the ones with problems', async () => {
    const page = await open();
    const nodes = page.locator('#graph svg g.node');
    await pick(page, '002-replicate-key');
    await page.waitForFunction(() => document.querySelectorAll('#graph svg g.node').length === 5);
    assert.deepEqual(
      (await nodes.evaluateAll((els) => els.map((e) => e.dataset.kind))).sort(),
      ['distribution', 'key', 'kms', 'mount', 'replication'],
    );
    assert.equal(await page.locator('#graph svg g.node.error').count(), 0);
    assert.equal(await page.locator('#graph svg path.edge:not(.mount)').count(), 4);

    await pick(page, 'bad-purpose-key-type');
    await page.waitForFunction(() => document.querySelectorAll('#graph svg g.node').length === 7);
    const bad = await page.locator('#graph svg g.node.error').evaluateAll((els) => els.map((e) => e.dataset.id).sort());
    assert.deepEqual(bad, ['vault_keymgmt_distribute_key.aws_signing', 'vault_keymgmt_distribute_key.azure_encryption']);
    assert.equal(await page.locator('#graph svg path.edge.error').count(), 4);
    assert.match(await page.locator('#graph svg g.node[data-id="vault_keymgmt_key.payments"]').textContent(), /aes256-gcm96/);

    // Clicking a node selects its block in the editor.
    await page.locator('#graph svg g.node[data-id="vault_keymgmt_aws_kms.aws"]').click();
    const head = await page.evaluate(() => window.playground.selected);
    assert.equal(head, 'resource "vault_keymgmt_aws_kms" "aws"');
    await page.close();
  });

  test('a key rotation is drawn, linked from the key it rotates', async () => {
    const page = await open();
    const text = [
      'resource "vault_mount" "keymgmt" {\n  path = "keymgmt"\n  type = "keymgmt"\n}',
      'resource "vault_keymgmt_key" "key" {\n  mount = vault_mount.keymgmt.path\n  name  = "k"\n}',
      'resource "vault_keymgmt_key_rotate" "rotate" {\n  mount = vault_mount.keymgmt.path\n  name  = vault_keymgmt_key.key.name\n}',
    ].join('\n');
    const count = await page.evaluate(() => window.playground.lintCount);
    await page.evaluate((t) => window.playground.setText(t), text);
    await waitForLint(page, count + 1);
    const rotation = page.locator('#graph svg g.node[data-id="vault_keymgmt_key_rotate.rotate"]');
    await rotation.waitFor();
    assert.equal(await rotation.evaluate((e) => e.dataset.kind), 'rotation');
    assert.match(await rotation.textContent(), /rotate/);
    assert.equal(await page.locator('#graph svg path.edge.rotation').count(), 1);
    await page.close();
  });

  test('every example lints as intended: seeds clean, one family of mistakes each', async () => {
    const page = await open();
    const ids = await page.locator('#examples option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.equal(ids.filter((id) => /^00[012]-/.test(id)).length, 8, 'the eight hcl examples of seeds 000-002');
    const families = {
      'bad-purpose-key-type': ['key-type-unsupported', 'purpose-key-type'],
      'bad-hsm': ['protection-unsupported'],
      'bad-replication': ['replicate-no-replica-regions', 'replicate-provider'],
      'bad-credentials': ['credentials-conflict', 'credentials-incomplete'],
    };
    for (const id of ids) {
      const report = await pick(page, id);
      const rules = [...new Set(report.diagnostics.map((d) => d.rule))].sort();
      assert.deepEqual(rules, families[id] ?? [], id);
    }
    await page.close();
  });

  test('works offline once loaded, opens a file from disk and copies the report as JSON', async () => {
    const page = await open();
    const loaded = page.requests.length;
    await b.context.setOffline(true);
    try {
      await pick(page, 'bad-credentials');
      const count = await page.evaluate(() => window.playground.lintCount);
      await page.setInputFiles('#file-input', {
        name: 'kms.tf.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({ resource: { vault_keymgmt_key: { k: { path: 'keymgmt', name: 'k', type: 'rsa-1024' } } } })),
      });
      const report = await waitForLint(page, count + 1);
      assert.equal(await page.locator('#file-name').textContent(), 'kms.tf.json');
      assert.deepEqual(report.diagnostics.map((d) => [d.rule, d.file]), [['invalid-value', 'kms.tf.json']]);
      assert.deepEqual(page.requests.slice(loaded), [], 'no request after load');
    } finally {
      await b.context.setOffline(false);
    }
    await page.locator('#copy-json').click();
    await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t.startsWith('{')));
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    assert.deepEqual(copied, await page.evaluate(() => window.playground.report));
    await page.close();
  });

  test('saves a screenshot of an example with problems', async () => {
    const page = await open();
    await pick(page, 'bad-replication');
    await page.waitForFunction(() => document.querySelectorAll('#graph svg g.node.error').length === 1);
    await squiggles(page).first().hover();
    await page.locator('#editor .cm-tooltip-lint').waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = `${ARTIFACTS}playground.png`;
    await page.screenshot({ path: file });
    const png = readFileSync(file);
    assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
    assert.ok(statSync(file).size > 20_000, 'a real picture, not a blank page');
    assert.deepEqual(page.problems, []);
    await page.close();
  });
});
