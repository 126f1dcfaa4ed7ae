// The playground in headless Debian Chromium, against the built site (npm run build) on 127.0.0.1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules as coreRules } from 'keymgmt-lint';
import { start, waitForLint } from './browser.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const MODULES = fileURLToPath(new URL('../../examples/modules/', import.meta.url));
const ROOT_TF = readFileSync(path.join(MODULES, 'main.tf'), 'utf8');
const REGION_TF = readFileSync(path.join(MODULES, 'modules/region/main.tf'), 'utf8');
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
    // The entry ends with its rule and the button of its fix, marked unsafe.
    assert.match(await problems(page).textContent(), /^✖41:16.*Standard SKU.*protection-unsupportedSet `protection = "software"` \(unsafe\)$/);
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

  test('quick fixes: a fix in the hover and "Fix all" make the core\'s edits, and the problems go', async () => {
    const page = await open();
    const text = [
      'resource "vault_keymgmt_key" "k" {',
      '  path = "keymgmt"',
      '  nmae = "payments"',
      '  type = "aes256-gcm96"',
      '}',
      'resource "vault_keymgmt_aws_kms" "aws" {',
      '  path           = "keymgmt"',
      '  name           = "aws"',
      '  key_collection = "us-west-2"',
      '}',
      'resource "vault_keymgmt_distribute_key" "d" {',
      '  path       = "keymgmt"',
      '  kms_name   = vault_keymgmt_aws_kms.aws.name',
      '  key_name   = "payments"',
      '  purpose    = "encrypt"',
      '  protection = "SOFTWARE"',
      '}',
      '',
    ].join('\n');
    const count = await page.evaluate(() => window.playground.lintCount);
    await page.evaluate((t) => window.playground.setText(t), text);
    await waitForLint(page, count + 1);
    await page.locator('#fix-all').waitFor();
    // One fix from the hover: the misspelt argument.
    await page.locator('#editor .cm-lintRange-error', { hasText: 'nmae' }).hover();
    const action = page.locator('.cm-tooltip-lint .cm-diagnosticAction', { hasText: 'Rename `nmae` to `name`' });
    await action.click();
    await page.waitForFunction(() => /\bname = "payments"/.test(window.playground.text));
    // The others at once.
    const before = await page.evaluate(() => window.playground.lintCount);
    await waitForLint(page, before);
    await page.locator('#fix-all').click();
    await page.waitForFunction(() => window.playground.report.diagnostics.every((d) => !(d.fixes ?? []).length));
    const fixed = await page.evaluate(() => window.playground.text);
    assert.match(fixed, /purpose {4}= \["encrypt"\]/);
    assert.match(fixed, /protection = "software"/);
    assert.equal(await page.locator('#fix-all').isHidden(), true);
    await page.close();
  });

  test('quick fixes in the problems panel: a button per fix makes its edits', async () => {
    const page = await open();
    const text = ['resource "vault_keymgmt_key" "k" {', '  path = "keymgmt"', '  nmae = "payments"', '  type = "aes256-gcm96"', '}', ''].join('\n');
    const count = await page.evaluate(() => window.playground.lintCount);
    await page.evaluate((t) => window.playground.setText(t), text);
    await waitForLint(page, count + 1);
    const button = page.locator('#problems li.problem button.fix', { hasText: 'Rename `nmae` to `name`' });
    await button.click();
    await page.waitForFunction(() => /\bname = "payments"/.test(window.playground.text));
    await page.waitForFunction(() => document.querySelectorAll('#problems button.fix').length === 0);
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
      modules: ['key-collection-format', 'purpose-key-type'],
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

// The file switcher's tabs: [path, count of problems, selected].
const tabs = (page) =>
  page.locator('#file-tabs [role=tab]').evaluateAll((els) =>
    els.map((e) => [e.dataset.path, e.querySelector('.count').textContent, e.getAttribute('aria-selected')]),
  );
const problemsIn = (page, file) => page.locator(`#problems li.problem[data-file="${file}"]`);
// The rule, file and resource of every diagnostic of the last report.
const findings = (report) => report.diagnostics.map((d) => [d.rule, d.file, d.resource]);

describe('a configuration of several files', () => {
  test('the example with a module shows the module’s problems in its file, through the file switcher', async () => {
    const page = await open();
    assert.equal(await page.locator('#file-tabs').isVisible(), false, 'no switcher for one file');
    const report = await pick(page, 'modules');
    assert.deepEqual(findings(report), [
      ['key-collection-format', 'modules/region/main.tf', 'module.region["apac"].vault_keymgmt_aws_kms.this'],
      ['purpose-key-type', 'modules/region/main.tf', 'module.region["west"].vault_keymgmt_distribute_key.this'],
    ]);
    assert.equal(await page.locator('#file-tabs').isVisible(), true);
    assert.deepEqual(await tabs(page), [['main.tf', '0', 'true'], ['modules/region/main.tf', '2', 'false']]);
    assert.equal(await page.locator('#file-tabs [data-path="modules/region/main.tf"]').getAttribute('aria-label'), 'modules/region/main.tf: 2 problems');
    assert.deepEqual(await page.evaluate(() => [window.playground.current, window.playground.text]), ['main.tf', ROOT_TF]);
    assert.equal(await squiggles(page).count(), 0, 'main.tf itself is clean');
    assert.equal(await page.locator('#problems li.file-heading').textContent(), 'modules/region/main.tf 2');
    assert.equal(await problemsIn(page, 'modules/region/main.tf').count(), 2);
    assert.match(await page.locator('#summary .timing').textContent(), /^2 files · 10 resources/);

    // A tab shows its file with its squiggles; the arrow keys move between the tabs.
    await page.locator('#file-tabs [data-path="modules/region/main.tf"]').click();
    assert.deepEqual(await page.evaluate(() => [window.playground.current, window.playground.text]), ['modules/region/main.tf', REGION_TF]);
    assert.deepEqual(await tabs(page), [['main.tf', '0', 'false'], ['modules/region/main.tf', '2', 'true']]);
    assert.equal(await page.locator('#file-name').textContent(), 'modules/region/main.tf');
    await squiggles(page).first().waitFor();
    assert.equal(await squiggles(page).first().textContent(), 'var.region');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.evaluate(() => window.playground.current), 'main.tf');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.path), 'main.tf');

    // A problem of another file shows that file and selects its span.
    await problemsIn(page, 'modules/region/main.tf').filter({ hasText: 'purpose-key-type' }).click();
    assert.deepEqual(await page.evaluate(() => [window.playground.current, window.playground.selected]), ['modules/region/main.tf', 'var.purpose']);
    assert.equal(await squiggles(page).filter({ hasText: 'var.purpose' }).count(), 1);

    // So does a node of the key graph declared in another file.
    await page.locator('#file-tabs [data-path="main.tf"]').click();
    await page.waitForFunction(() => document.querySelectorAll('#graph svg g.node').length === 10);
    const apac = page.locator(`#graph svg g.node[data-id='module.region["apac"].vault_keymgmt_aws_kms.this']`);
    assert.match(await apac.getAttribute('class'), /\berror\b/);
    await apac.click();
    assert.deepEqual(await page.evaluate(() => [window.playground.current, window.playground.selected]), ['modules/region/main.tf', 'resource "vault_keymgmt_aws_kms" "this"']);
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('an edit of one file relints them all: the root’s values change the module’s problems', async () => {
    const page = await open();
    await pick(page, 'modules');
    // In main.tf: apac gets a real region, east a wrong one.
    let count = await page.evaluate(() => window.playground.lintCount);
    await page.evaluate((t) => window.playground.setText(t), ROOT_TF.replace('"ap-southeast-9"', '"ap-southeast-2"').replace('"us-east-1"', '"us-east-9"'));
    let report = await waitForLint(page, count + 1);
    assert.deepEqual(findings(report), [
      ['key-collection-format', 'modules/region/main.tf', 'module.region["east"].vault_keymgmt_aws_kms.this'],
      ['purpose-key-type', 'modules/region/main.tf', 'module.region["west"].vault_keymgmt_distribute_key.this'],
    ]);
    assert.match(report.diagnostics[0].message, /"us-east-9"/);
    assert.match(await problemsIn(page, 'modules/region/main.tf').first().textContent(), /module\.region\["east"\]/);

    // Typed in the module's file: only that file changes, and the report keeps the others' problems.
    await problemsIn(page, 'modules/region/main.tf').filter({ hasText: 'purpose-key-type' }).click();
    count = await page.evaluate(() => window.playground.lintCount);
    await page.keyboard.type('["encrypt"]');
    await waitForLint(page, count + 1);
    await page.waitForFunction(() => window.playground.report.diagnostics.length === 1);
    report = await page.evaluate(() => window.playground.report);
    assert.deepEqual(findings(report), [['key-collection-format', 'modules/region/main.tf', 'module.region["east"].vault_keymgmt_aws_kms.this']]);
    const files = await page.evaluate(() => window.playground.files);
    assert.deepEqual(files.map((f) => f.path), ['main.tf', 'modules/region/main.tf']);
    assert.match(files[0].text, /"us-east-9"/);
    assert.equal(files[1].text, REGION_TF.replace('purpose  = var.purpose', 'purpose  = ["encrypt"]'));
    assert.deepEqual(await tabs(page), [['main.tf', '0', 'false'], ['modules/region/main.tf', '1', 'true']]);
    await page.close();
  });

  test('files opened together, and a folder, become one configuration; other files are left out', async () => {
    const page = await open();
    let count = await page.evaluate(() => window.playground.lintCount);
    await page.setInputFiles('#file-input', [
      { name: 'main.tf', mimeType: 'text/plain', buffer: Buffer.from(ROOT_TF) },
      { name: 'keys.tf', mimeType: 'text/plain', buffer: Buffer.from('resource "vault_keymgmt_key" "k" {\n  mount = "keymgmt"\n  name  = "k"\n  type  = "rsa-1024"\n}\n') },
      { name: 'README.md', mimeType: 'text/markdown', buffer: Buffer.from('# not Terraform\n') },
    ]);
    let report = await waitForLint(page, count + 1);
    assert.deepEqual(await tabs(page), [['keys.tf', '1', 'false'], ['main.tf', '1', 'true']]);
    assert.deepEqual(report.diagnostics.map((d) => [d.rule, d.file]), [['invalid-value', 'keys.tf'], ['module-not-followed', 'main.tf']]);
    assert.deepEqual(report.missingModules, ['modules/region']);
    assert.equal(await page.locator('#examples').inputValue(), '');

    // A folder: its files keep their paths below it; .git, node_modules and other files stay out.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keymgmt-lint-folder-'));
    try {
      const put = (name, text) => {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      };
      put('main.tf', ROOT_TF);
      put('modules/region/main.tf', REGION_TF);
      put('terraform.tfvars', 'regions = {\n  west = { region = "us-west-2", purpose = ["sign"] }\n}\n');
      put('modules/region/README.md', '# region\n');
      put('.git/HEAD', 'ref: refs/heads/main\n');
      put('.git/x.tf', 'not = [terraform\n');
      put('node_modules/pkg/main.tf', 'not = [terraform\n');
      count = await page.evaluate(() => window.playground.lintCount);
      await page.setInputFiles('#folder-input', dir);
      report = await waitForLint(page, count + 1);
      assert.deepEqual(await page.evaluate(() => window.playground.files.map((f) => f.path)), ['main.tf', 'terraform.tfvars', 'modules/region/main.tf']);
      // The variable file replaced the regions: only west, and its mistake, are left.
      assert.deepEqual(findings(report), [['purpose-key-type', 'modules/region/main.tf', 'module.region["west"].vault_keymgmt_distribute_key.this']]);
      assert.deepEqual(await tabs(page), [['main.tf', '0', 'true'], ['terraform.tfvars', '0', 'false'], ['modules/region/main.tf', '1', 'false']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('remote modules that terraform init installed are followed when their manifest is there', async () => {
    const page = await open();
    const manifest = { Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'kms', Source: 'registry.terraform.io/acme/kms/vault', Version: '1.0.0', Dir: '.terraform/modules/kms' }] };
    const files = [
      { path: '.terraform/modules/kms/main.tf', text: 'variable "name" {}\nresource "vault_keymgmt_key" "k" {\n  mount = "keymgmt"\n  name  = var.name\n  type  = "rsa-1024"\n}\n' },
      { path: 'main.tf', text: 'module "kms" {\n  source = "acme/kms/vault"\n  name   = "k"\n}\n' },
    ];
    let count = await page.evaluate(() => window.playground.lintCount);
    await page.evaluate((f) => window.playground.open(f), files);
    let report = await waitForLint(page, count + 1);
    // Without the manifest the call is not followed: the directory is read as a module of its own.
    assert.deepEqual(findings(report), [['invalid-value', '.terraform/modules/kms/main.tf', 'vault_keymgmt_key.k']]);
    count = await page.evaluate(() => window.playground.lintCount);
    await page.evaluate((f) => window.playground.open(f), [...files, { path: '.terraform/modules/modules.json', text: JSON.stringify(manifest) }]);
    report = await waitForLint(page, count + 1);
    assert.deepEqual(findings(report), [['invalid-value', '.terraform/modules/kms/main.tf', 'module.kms.vault_keymgmt_key.k']]);
    assert.deepEqual(await page.evaluate(() => [window.playground.current, window.playground.files.map((f) => f.path)]), [
      'main.tf',
      ['main.tf', '.terraform/modules/modules.json', '.terraform/modules/kms/main.tf'],
    ]);
    await page.close();
  });

  test('files dropped on the page are opened together', async () => {
    const page = await open();
    const count = await page.evaluate(() => window.playground.lintCount);
    await page.evaluate(([root, region]) => {
      const data = new DataTransfer();
      data.items.add(new File([root], 'main.tf'));
      data.items.add(new File([region], 'region.tf'));
      data.items.add(new File(['binary'], 'terraform.tfstate'));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
    }, [ROOT_TF, REGION_TF]);
    const report = await waitForLint(page, count + 1);
    assert.deepEqual(await page.evaluate(() => window.playground.files.map((f) => f.path)), ['main.tf', 'region.tf']);
    assert.ok(report.diagnostics.some((d) => d.rule === 'module-not-followed' && d.file === 'main.tf'));
    await page.close();
  });

  test('at most 2,000 files are opened, with a notice', async () => {
    const page = await open();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keymgmt-lint-many-'));
    try {
      for (let i = 0; i < 2001; i++) writeFileSync(path.join(dir, `v${String(i).padStart(4, '0')}.tf`), `variable "v${i}" {}\n`);
      const count = await page.evaluate(() => window.playground.lintCount);
      await page.setInputFiles('#folder-input', dir);
      const report = await waitForLint(page, count + 1);
      assert.equal(report.summary.files, 2000);
      assert.equal(await page.locator('#file-tabs [role=tab]').count(), 2000);
      assert.match(await page.locator('#toast').textContent(), /Only the first 2,000 files/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.close();
  });

  test('a share link carries every file with its path', async () => {
    const page = await open();
    await pick(page, 'modules');
    await page.locator('#file-tabs [data-path="modules/region/main.tf"]').click();
    const region = `# shared: ünïcødé ✓\n${REGION_TF}`;
    const count = await page.evaluate(() => window.playground.lintCount);
    await page.evaluate((t) => window.playground.setText(t), region);
    await waitForLint(page, count + 1);
    await page.locator('#share').click();
    await page.waitForFunction(() => location.hash.startsWith('#files='));
    const url = page.url();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
    const files = await page.evaluate(() => window.playground.files);
    assert.deepEqual(files, [{ path: 'main.tf', text: ROOT_TF }, { path: 'modules/region/main.tf', text: region }]);

    const other = await open(url);
    assert.deepEqual(await other.evaluate(() => window.playground.files), files);
    assert.equal(await other.evaluate(() => window.playground.current), 'main.tf');
    const report = await other.evaluate(() => window.playground.report);
    assert.deepEqual(findings(report), findings(await page.evaluate(() => window.playground.report)));
    assert.equal(report.diagnostics.length, 2);
    assert.deepEqual(await tabs(other), [['main.tf', '0', 'true'], ['modules/region/main.tf', '2', 'false']]);
    await other.close();

    const broken = await open(`${b.url}#files=not-deflate`);
    assert.match(await broken.locator('#toast').textContent(), /damaged/);
    await broken.close();
    await page.close();
  });
});
