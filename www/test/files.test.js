// The playground's pure helpers, in Node: which files of a folder are kept and in what order, and
// the share links' fragments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromInput, ordered, readAll, wanted } from '../src/files.js';
import { encode, fromFragment, shareUrl } from '../src/share.js';

test('only Terraform files, the module manifest and the lock file are kept, never from .git or node_modules', () => {
  const kept = ['main.tf', '.terraform.lock.hcl', 'live/.terraform.lock.hcl', 'kms.tf.json', 'terraform.tfvars', 'prod.auto.tfvars.json', 'modules/a/main.tf', '.terraform/modules/modules.json', 'env/.terraform/modules/modules.json', '.terraform/modules/kms/main.tf'];
  const left = ['README.md', 'main.tf.bak', 'x.json', 'terraform.tfstate', '.git/x.tf', 'node_modules/m/main.tf', 'a/node_modules/main.tf', '.terraform/modules/other.json', 'x.terraform.lock.hcl'];
  assert.deepEqual(kept.filter(wanted), kept);
  assert.deepEqual(left.filter(wanted), []);
});

test('the shallowest directory comes first, so that it is the root module', () => {
  assert.deepEqual(ordered(['modules/b/main.tf', 'variables.tf', 'modules/a/x.tf', 'main.tf', '.terraform/modules/modules.json']), [
    'main.tf',
    'variables.tf',
    '.terraform/modules/modules.json',
    'modules/a/x.tf',
    'modules/b/main.tf',
  ]);
});

test('a folder input’s paths lose the folder’s name; files over the cap are counted, not read', async () => {
  const file = (relative, text = '') => Object.assign(new File([text], relative.split('/').pop()), { webkitRelativePath: relative });
  const candidates = fromInput([file('infra/main.tf', 'a'), file('infra/modules/x/main.tf', 'b'), file('infra/README.md'), new File(['c'], 'keys.tf')]);
  assert.deepEqual(candidates.map((c) => c.path), ['main.tf', 'modules/x/main.tf', 'keys.tf']);
  assert.deepEqual(await readAll(candidates), {
    files: [{ path: 'main.tf', text: 'a' }, { path: 'modules/x/main.tf', text: 'b' }, { path: 'keys.tf', text: 'c' }],
    tooLarge: [],
    truncated: false,
  });
  const many = Array.from({ length: 2001 }, (_, i) => ({ path: `v${i}.tf`, file: async () => new File([''], `v${i}.tf`) }));
  const read = await readAll(many);
  assert.equal(read.files.length, 2000);
  assert.equal(read.truncated, true);
});

test('one main.tf is shared as #code=, anything else as #files= with the paths', async () => {
  const base = 'https://example.test/play/?x=1#old';
  const single = await shareUrl([{ path: 'main.tf', text: 'ünïcødé ✓' }], base);
  assert.match(single, /^https:\/\/example\.test\/play\/\?x=1#code=[\w-]+$/);
  assert.deepEqual(await fromFragment(new URL(single).hash), [{ path: 'main.tf', text: 'ünïcødé ✓' }]);

  const files = [{ path: 'main.tf', text: 'a' }, { path: 'modules/x/main.tf', text: 'b' }];
  const several = await shareUrl(files, base);
  assert.match(several, /#files=[\w-]+$/);
  assert.deepEqual(await fromFragment(new URL(several).hash), files);
  // A single file of another name keeps its name.
  assert.match(await shareUrl([{ path: 'kms.tf.json', text: '{}' }], base), /#files=/);

  assert.equal(await fromFragment('#rule-invalid-value'), null);
  for (const bad of [{ path: 'a.tf' }, [], [{ path: 'a.tf', text: 1 }], [{ path: 'a.tf', text: '' }, { path: 'a.tf', text: '' }]]) {
    await assert.rejects(fromFragment(`#files=${await encode(JSON.stringify(bad))}`), TypeError, JSON.stringify(bad));
  }
});
