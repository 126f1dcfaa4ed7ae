// The stylish formatter is a pure function of a Report: these tests feed it hand-built reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatStylish, MAX_ALIGNED_MESSAGE } from '../src/format/stylish.js';
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

const diagnostic = (message, extra = {}) => ({ rule: 'invalid-value', severity: 'error', message, file: 'main.tf', range: range(1, 1), related: [], ...extra });
const reportOf = (diagnostics) => ({ diagnostics, summary: { errors: diagnostics.length, warnings: 0, infos: 0, files: 1, resources: 1 } });

test('text from the input is shown with visible escapes: no control, line break or bidi control is printed', () => {
  const hostile = 'x\u001b[2K\u001b[1A\n✖ 0 problems\u202e\u009b';
  const report = reportOf([
    diagnostic(`\`vault_keymgmt_key.${hostile}\` has no argument \`nmae\`.`, {
      file: `infra/${hostile}/main.tf`,
      help: `help ${hostile}`,
      related: [{ file: `infra/${hostile}/other.tf`, range: range(2, 3), message: `related ${hostile}` }],
    }),
  ]);
  for (const color of [false, true]) {
    const out = formatStylish(report, { color }).replace(/\x1b\[\d+m/g, '');
    assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    assert.doesNotMatch(out, /^✖ 0 problems/m);
  }
  const escaped = 'x\\u001b[2K\\u001b[1A\\n✖ 0 problems\\u202e\\u009b';
  assert.deepEqual(formatStylish(report).split('\n').slice(0, 4), [
    `infra/${escaped}/main.tf`,
    `  1:1  error  \`vault_keymgmt_key.${escaped}\` has no argument \`nmae\`.  invalid-value`,
    `              help: help ${escaped}`,
    `              related: infra/${escaped}/other.tf:2:3 related ${escaped}`,
  ]);
});

test('messages align up to MAX_ALIGNED_MESSAGE characters; a longer one overflows without widening the others', () => {
  const long = 'L'.repeat(MAX_ALIGNED_MESSAGE + 1);
  const limit = 'M'.repeat(MAX_ALIGNED_MESSAGE);
  const lines = formatStylish(reportOf([diagnostic('short'), diagnostic(long), diagnostic('a bit longer')])).split('\n');
  assert.deepEqual(lines.slice(1, 4), [
    '  1:1  error  short         invalid-value',
    `  1:1  error  ${long}  invalid-value`,
    '  1:1  error  a bit longer  invalid-value',
  ]);
  // A message of exactly the maximum is still aligned with.
  const aligned = formatStylish(reportOf([diagnostic('short'), diagnostic(limit)])).split('\n');
  assert.equal(aligned[1], `  1:1  error  ${'short'.padEnd(MAX_ALIGNED_MESSAGE)}  invalid-value`);
});

test('the output grows with the findings\' own text: one 1 MB message among 1,000 findings', () => {
  const huge = `\`vault_keymgmt_key.k\` has no argument \`${'a'.repeat(1024 * 1024)}\`.`;
  const diagnostics = [diagnostic(huge), ...Array.from({ length: 1000 }, (_, i) => diagnostic(`finding ${i}`))];
  const out = formatStylish(reportOf(diagnostics));
  const text = diagnostics.reduce((sum, d) => sum + d.message.length + d.rule.length, 0);
  assert.ok(out.length < text + 40 * diagnostics.length, `${out.length} characters for ${text} of messages`);
});
