// Which files make up a module, in the order Terraform applies them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { collectModules } from '../src/cli/collect.js';
import { tempModule } from './helpers.js';

test('a directory is one module: config sorted, then terraform.tfvars, then *.auto.tfvars sorted, then --var-file', () => {
  const dir = tempModule({
    'variables.tf': '',
    'main.tf': '',
    'override.tf.json': '{}',
    'b.auto.tfvars': '',
    'a.auto.tfvars.json': '{}',
    'terraform.tfvars.json': '{}',
    'terraform.tfvars': '',
    'other.tfvars': '',
    'README.md': '',
    'main.tf.bak': '',
  });
  mkdirSync(path.join(dir, 'nested.tf'));
  mkdirSync(path.join(dir, 'modules'));
  symlinkSync(path.join(dir, 'gone'), path.join(dir, 'dangling.tf'));
  const modules = collectModules([dir], ['prod.tfvars', 'extra.tfvars.json']);
  assert.deepEqual(modules, [
    {
      dir,
      files: [
        'main.tf',
        'override.tf.json',
        'variables.tf',
        'terraform.tfvars',
        'terraform.tfvars.json',
        'a.auto.tfvars.json',
        'b.auto.tfvars',
      ].map((name) => path.join(dir, name)).concat(['prod.tfvars', 'extra.tfvars.json']),
    },
  ]);
});

test('files named directly are grouped by directory, and a file given twice is read once', () => {
  const a = tempModule({ 'main.tf': '', 'x.tfvars': '' });
  const b = tempModule({ 'main.tf': '' });
  const modules = collectModules([path.join(b, 'main.tf'), path.join(a, 'x.tfvars'), a, path.join(a, 'main.tf')], []);
  assert.deepEqual(modules, [
    { dir: b, files: [path.join(b, 'main.tf')], named: [path.join(b, 'main.tf')] },
    // The directory itself was given too: all of it is reported.
    { dir: path.dirname(path.join(a, 'x.tfvars')), files: [path.join(a, 'main.tf'), path.join(a, 'x.tfvars')] },
  ]);
});

test('a file named directly brings its whole directory, and only the files named are reported', () => {
  const dir = tempModule({ 'main.tf': '', 'variables.tf': '', 'terraform.tfvars': '', 'prod.tfvars': '', 'notes.md': '' });
  const vars = tempModule({ 'prod.tfvars': '' });
  const modules = collectModules([path.join(dir, 'main.tf'), path.join(dir, 'prod.tfvars'), path.join(vars, 'prod.tfvars')], ['x.tfvars']);
  assert.deepEqual(modules, [
    {
      dir,
      files: ['main.tf', 'variables.tf', 'terraform.tfvars', 'prod.tfvars'].map((name) => path.join(dir, name)).concat(['x.tfvars']),
      named: [path.join(dir, 'main.tf'), path.join(dir, 'prod.tfvars')],
    },
    // A directory without a configuration file is only what was named of it.
    { dir: vars, files: [path.join(vars, 'prod.tfvars'), 'x.tfvars'], named: [path.join(vars, 'prod.tfvars')] },
  ]);
});
