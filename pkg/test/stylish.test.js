// The stylish formatter is a pure function of a Report: these tests feed it hand-built reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatStylish } from '../src/format/stylish.js';
import { ANSI } from './helpers.js';

const at = (line, column, offset = 0) => ({ line, column, offset });
const range = (line, column) => ({ start: at(line, column), end: at(line, column + 1) });

const REPORT = {
  diagnostics: [
    {
      rule: 'duplicate-name',
      severity: 'error',
      message: 'Two keys are named `app` on mount `keymgmt`.',
      file: 'infra/keys.tf',
      range: range(12, 10),
      help: 'Give each key on a mount its own name.',
      related: [
        { file: 'infra/keys.tf', range: range(3, 10), message: 'The first key named `app`.' },
        { file: 'infra/other.tf', range: range(7, 12), message: 'The mount.' },
      ],
      resource: 'vault_keymgmt_key.copy',
    },
    {
      rule: 'replicate-ordering',
      severity: 'warning',
      message: 'The replication may run before the distribution.',
      file: 'infra/keys.tf',
      range: range(40, 1),
      related: [],
    },
    {
      rule: 'unknown-kms',
      severity: 'info',
      message: 'The KMS provider is not in this module.',
      file: 'infra/main.tf',
      range: range(5, 3),
      related: [],
    },
  ],
  summary: { errors: 1, warnings: 1, infos: 1, files: 3, resources: 9 },
};

test('each diagnostic is a row, followed by its help and its related locations', () => {
  const out = formatStylish(REPORT, { color: false });
  assert.equal(
    out,
    [
      'infra/keys.tf',
      '  12:10  error    Two keys are named `app` on mount `keymgmt`.      duplicate-name',
      '                  help: Give each key on a mount its own name.',
      '                  related: infra/keys.tf:3:10 The first key named `app`.',
      '                  related: infra/other.tf:7:12 The mount.',
      '  40:1   warning  The replication may run before the distribution.  replicate-ordering',
      '',
      'infra/main.tf',
      '  5:3  info  The KMS provider is not in this module.  unknown-kms',
      '',
      '✖ 3 problems (1 error, 1 warning, 1 info)',
      '',
    ].join('\n'),
  );
});

test('colour only when asked for, and the text stays the same', () => {
  const colored = formatStylish(REPORT, { color: true });
  assert.match(colored, ANSI);
  assert.equal(colored.replace(/\x1b\[\d+m/g, ''), formatStylish(REPORT, { color: false }));
});

test('a clean report prints nothing', () => {
  assert.equal(formatStylish({ diagnostics: [], summary: { errors: 0, warnings: 0, infos: 0, files: 1, resources: 0 } }, { color: false }), '');
});
