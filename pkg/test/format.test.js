// format(report, name): each output format over hand-built reports, checked with real parsers
// (fast-xml-parser for JUnit, Ajv with the official SARIF schema in sarif.test.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { format, rules, version } from 'keymgmt-lint';

const at = (line, column, offset) => ({ line, column, offset });

const NASTY = 'a <b> & "c" \'d\' 100% done,\r\nnext: line';
const REPORT = {
  diagnostics: [
    {
      rule: 'duplicate-name',
      severity: 'error',
      message: 'Two keys are named `app` on mount `keymgmt`.',
      file: 'infra/keys.tf',
      range: { start: at(12, 10, 200), end: at(12, 15, 205) },
      help: 'Give each key on a mount its own name.',
      related: [{ file: 'infra/keys.tf', range: { start: at(3, 10, 40), end: at(3, 15, 45) }, message: 'The first key named `app`.' }],
      resource: 'vault_keymgmt_key.copy',
    },
    {
      rule: 'duplicate-name',
      severity: 'warning',
      message: 'Another one.',
      file: 'infra/keys.tf',
      range: { start: at(20, 1, 300), end: at(21, 2, 320) },
      related: [],
    },
    {
      rule: 'replicate-ordering',
      severity: 'info',
      message: NASTY,
      file: 'infra/weird, name:1.tf',
      range: { start: at(5, 3, 60), end: at(5, 9, 66) },
      related: [],
    },
  ],
  summary: { errors: 1, warnings: 1, infos: 1, files: 3, resources: 9 },
};
const CLEAN = { diagnostics: [], summary: { errors: 0, warnings: 0, infos: 0, files: 1, resources: 0 } };

test('github: one workflow command per diagnostic, error / warning / notice', () => {
  const lines = format(REPORT, 'github').split('\n');
  assert.equal(lines.pop(), '');
  assert.deepEqual(lines, [
    '::error file=infra/keys.tf,line=12,col=10,endLine=12,endColumn=15,title=duplicate-name::Two keys are named `app` on mount `keymgmt`.%0Ahelp: Give each key on a mount its own name.',
    '::warning file=infra/keys.tf,line=20,col=1,endLine=21,endColumn=2,title=duplicate-name::Another one.',
    '::notice file=infra/weird%2C name%3A1.tf,line=5,col=3,endLine=5,endColumn=9,title=replicate-ordering::a <b> & "c" \'d\' 100%25 done,%0D%0Anext: line',
  ]);
  assert.equal(format(CLEAN, 'github'), '');
});

test('github: escaping round-trips through the runner\'s unescaping', () => {
  // The inverse of actions/runner's ActionCommand unescaping, applied to what we print.
  const unescape = (s) => s.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%3A', ':').replaceAll('%2C', ',').replaceAll('%25', '%');
  const line = format({ ...REPORT, diagnostics: [REPORT.diagnostics[2]] }, 'github').trimEnd();
  const match = /^::notice ([^:]*)::(.*)$/.exec(line);
  assert.ok(match, line);
  const props = Object.fromEntries(match[1].split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, unescape(v)]));
  assert.equal(props.file, 'infra/weird, name:1.tf');
  assert.equal(unescape(match[2]), NASTY);
});

test('github: past 10 annotations of a level, the rest are plain lines of the log, where no command can start', () => {
  const diagnostic = (severity, i) => ({ ...REPORT.diagnostics[1], severity, message: `${severity} ${i}.`, range: { start: at(i, 1, i), end: at(i, 2, i + 1) } });
  const many = [
    ...Array.from({ length: 12 }, (_, i) => diagnostic('error', i + 1)),
    ...Array.from({ length: 10 }, (_, i) => diagnostic('warning', i + 1)),
    // A hostile message: a line of its own would be a command.
    { ...diagnostic('info', 1), message: '::error file=x::forged\n::endgroup::', help: 'Fix it.' },
    ...Array.from({ length: 11 }, (_, i) => diagnostic('info', i + 2)),
  ];
  const lines = format({ ...CLEAN, diagnostics: many }, 'github').split('\n');
  assert.equal(lines.pop(), '');
  const commands = lines.filter((l) => /^::(error|warning|notice) /.test(l));
  assert.deepEqual(['error', 'warning', 'notice'].map((c) => commands.filter((l) => l.startsWith(`::${c} `)).length), [10, 10, 10]);
  // The commands come first, in the report's order.
  assert.deepEqual(lines.slice(0, 30), commands);
  const stop = lines.findIndex((l) => l.startsWith('::stop-commands::'));
  assert.equal(stop, 30);
  const marker = lines[stop].slice('::stop-commands::'.length);
  assert.match(marker, /^keymgmt-lint-[0-9a-f]{16}$/);
  assert.equal(lines.at(-1), `::${marker}::`);
  assert.deepEqual(lines.slice(stop + 1, -1), [
    'keymgmt-lint: GitHub shows 10 annotations of each level per step; the other 2 errors, 2 notices:',
    'infra/keys.tf:11:1: error: error 11. (duplicate-name)',
    'infra/keys.tf:12:1: error: error 12. (duplicate-name)',
    'infra/keys.tf:11:1: info: info 11. (duplicate-name)',
    'infra/keys.tf:12:1: info: info 12. (duplicate-name)',
  ]);
  // The hostile message was within the first 10 notices: one command, its line breaks encoded.
  assert.equal(commands.filter((l) => l.endsWith('::::error file=x::forged%0A::endgroup::%0Ahelp: Fix it.')).length, 1);
  // Exactly 10 of a level need no summary.
  assert.doesNotMatch(format({ ...CLEAN, diagnostics: many.slice(12, 22) }, 'github'), /stop-commands/);
});

test('github: a diagnostic past the limit is one line in the log, whatever its text holds', () => {
  const hostile = { ...REPORT.diagnostics[1], message: 'x\n::error::forged', help: 'a\nb' };
  const text = format({ ...CLEAN, diagnostics: Array.from({ length: 11 }, () => hostile) }, 'github');
  const inLog = text.split('\n').slice(11, -2);
  assert.deepEqual(inLog, [
    'keymgmt-lint: GitHub shows 10 annotations of each level per step; the other 1 warning:',
    'infra/keys.tf:20:1: warning: x\\n::error::forged (duplicate-name)',
    '  help: a\\nb',
  ]);
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });

test('junit: one testsuite per file, one failing testcase per diagnostic, a passing one per clean file', () => {
  const xml = format(REPORT, 'junit', { files: ['infra/keys.tf', 'infra/clean.tf', 'infra/weird, name:1.tf'] });
  assert.equal(XMLValidator.validate(xml), true);
  const { testsuites } = parser.parse(xml);
  assert.equal(testsuites.tests, '4');
  assert.equal(testsuites.failures, '3');
  const suites = Object.fromEntries(testsuites.testsuite.map((s) => [s.name, s]));
  assert.deepEqual(Object.keys(suites), ['infra/keys.tf', 'infra/clean.tf', 'infra/weird, name:1.tf']);

  // Two findings of one rule in one file are two failures, each with its own testcase.
  const keys = suites['infra/keys.tf'];
  assert.deepEqual([keys.tests, keys.failures], ['2', '2']);
  const [first, second] = keys.testcase;
  assert.deepEqual([first.name, second.name], ['duplicate-name (12:10)', 'duplicate-name (20:1)']);
  // Without the extension: Jenkins takes what follows the last dot for the class name.
  assert.deepEqual([first.classname, second.classname], ['infra/keys', 'infra/keys']);
  assert.deepEqual([first.file, first.line], ['infra/keys.tf', '12']);
  assert.deepEqual([first.failure.type, second.failure.type], ['error', 'warning']);
  assert.equal(first.failure.message, 'Two keys are named `app` on mount `keymgmt`.');
  assert.equal(
    first.failure['#text'],
    [
      'infra/keys.tf:12:10: error: Two keys are named `app` on mount `keymgmt`. (duplicate-name)',
      '  resource: vault_keymgmt_key.copy',
      '  help: Give each key on a mount its own name.',
      '  related: infra/keys.tf:3:10 The first key named `app`.',
    ].join('\n'),
  );
  assert.equal(second.failure['#text'], 'infra/keys.tf:20:1: warning: Another one. (duplicate-name)');

  const clean = suites['infra/clean.tf'];
  assert.deepEqual([clean.tests, clean.failures], ['1', '0']);
  assert.equal(clean.testcase[0].failure, undefined);
  assert.equal(clean.testcase[0].classname, 'infra/clean');

  const [weird] = suites['infra/weird, name:1.tf'].testcase;
  assert.equal(weird.failure.type, 'info');
  assert.equal(weird.classname, 'infra/weird, name:1');
  // Attribute values keep their quotes, ampersands, CR and LF exactly.
  const exact = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true, trimValues: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) });
  const failure = exact.parse(xml).testsuites.testsuite[2].testcase[0].failure;
  assert.equal(failure.message, NASTY);
  assert.match(failure['#text'], /a <b> & "c" 'd' 100% done,\r\nnext: line/);
});

test('junit: the classname drops each Terraform extension', () => {
  const classOf = (file) => parser.parse(format({ ...CLEAN, diagnostics: [{ ...REPORT.diagnostics[1], file }] }, 'junit')).testsuites.testsuite[0].testcase[0].classname;
  assert.equal(classOf('a/main.tf.json'), 'a/main');
  assert.equal(classOf('a/prod.tfvars'), 'a/prod');
  assert.equal(classOf('a/x.auto.tfvars.json'), 'a/x.auto');
  assert.equal(classOf('plan.json'), 'plan');
});

test('junit: characters XML cannot carry are escaped or replaced, so the document still parses', () => {
  const hostile = { ...REPORT.diagnostics[1], message: 'bell \u0007 nul \u0000 lone \ud800 end', file: 'x\u0001.tf' };
  const xml = format({ ...REPORT, diagnostics: [hostile] }, 'junit');
  assert.equal(XMLValidator.validate(xml), true);
  const [tc] = parser.parse(xml).testsuites.testsuite[0].testcase;
  // Controls are shown escaped, as in every format people read (src/format/escape.js); a lone
  // surrogate, which no escape makes readable, becomes U+FFFD.
  assert.equal(tc.failure.message, 'bell \\u0007 nul \\u0000 lone \ufffd end');
  assert.equal(tc.classname, 'x\\u0001');
});

// A resource label or directory name as a pull request could write it: terminal escapes that
// erase and move up a line, a line break followed by a forged summary, a bidi override, a C1 CSI.
const HOSTILE = 'evil\u001b[2K\u001b[1A\r\n✖ 0 problems\u202e\u009b[31m\u007f';
const HOSTILE_REPORT = {
  ...CLEAN,
  diagnostics: [
    {
      ...REPORT.diagnostics[0],
      message: `\`vault_keymgmt_key.${HOSTILE}\` has no argument \`nmae\`.`,
      file: `infra/${HOSTILE}/main.tf`,
      help: `help ${HOSTILE}`,
      resource: `vault_keymgmt_key.${HOSTILE}`,
      related: [{ file: `infra/${HOSTILE}/main.tf`, range: REPORT.diagnostics[0].range, message: `related ${HOSTILE}` }],
    },
  ],
};
// Any control but the line feed that ends the format's own lines, and the bidi controls.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

test('github: controls from the input are escaped, and the runner\'s escaping still round-trips', () => {
  const out = format(HOSTILE_REPORT, 'github');
  assert.doesNotMatch(out, RAW_CONTROL);
  assert.equal(out.split('\n').length, 2, out);
  const [, props, data] = /^::error ([^:]*)::(.*)\n$/.exec(out);
  const unescape = (s) => s.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%3A', ':').replaceAll('%2C', ',').replaceAll('%25', '%');
  const visible = 'evil\\u001b[2K\\u001b[1A';
  // In the file property even the line break is escaped visibly: a path is one line.
  assert.ok(unescape(props).startsWith(`file=infra/${visible}\\r\\n✖ 0 problems\\u202e\\u009b[31m\\u007f/main.tf,line=12,`), props);
  // The message keeps its line breaks (as %0D%0A), so the annotation shows the text as written.
  assert.equal(
    unescape(data),
    `\`vault_keymgmt_key.${visible}\r\n✖ 0 problems\\u202e\\u009b[31m\\u007f\` has no argument \`nmae\`.\nhelp: help ${visible}\r\n✖ 0 problems\\u202e\\u009b[31m\\u007f`,
  );
});

test('junit: controls from the input are escaped, line breaks are character references, the XML stays well-formed', () => {
  const xml = format(HOSTILE_REPORT, 'junit');
  assert.equal(XMLValidator.validate(xml), true);
  assert.doesNotMatch(xml, RAW_CONTROL);
  assert.doesNotMatch(xml, /^✖ 0 problems/m);
  const exact = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, trimValues: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) });
  const suite = exact.parse(xml).testsuites.testsuite[0];
  // A message keeps its line breaks (the parser gives them back); a name has them escaped.
  const shown = 'evil\\u001b[2K\\u001b[1A\r\n✖ 0 problems\\u202e\\u009b[31m\\u007f';
  const named = 'evil\\u001b[2K\\u001b[1A\\r\\n✖ 0 problems\\u202e\\u009b[31m\\u007f';
  assert.equal(suite.name, `infra/${named}/main.tf`);
  assert.equal(suite.testcase[0].failure.message, `\`vault_keymgmt_key.${shown}\` has no argument \`nmae\`.`);
  const body = suite.testcase[0].failure['#text'].split('\n');
  assert.ok(body[0].startsWith(`infra/${named}/main.tf:12:10: error: \`vault_keymgmt_key.${shown.split('\n')[0]}`), body[0]);
  assert.ok(body.includes(`  resource: vault_keymgmt_key.${named}`), body.join('\n'));
});

test('json and sarif keep the exact text, every control escaped as JSON escapes it', () => {
  const json = format(HOSTILE_REPORT, 'json');
  assert.doesNotMatch(json, RAW_CONTROL);
  assert.deepEqual(JSON.parse(json), HOSTILE_REPORT);
  const sarif = format(HOSTILE_REPORT, 'sarif');
  assert.doesNotMatch(sarif, RAW_CONTROL);
  const [result] = JSON.parse(sarif).runs[0].results;
  assert.ok(result.message.text.startsWith(`${HOSTILE_REPORT.diagnostics[0].message} Related: [`), result.message.text);
  assert.equal(result.relatedLocations[0].message.text, HOSTILE_REPORT.diagnostics[0].related[0].message);
  assert.equal(result.properties.help, HOSTILE_REPORT.diagnostics[0].help);
  assert.equal(decodeURIComponent(result.locations[0].physicalLocation.artifactLocation.uri), HOSTILE_REPORT.diagnostics[0].file);
});

test('junit: a clean run is a valid document; without files there is nothing to list', () => {
  const withFiles = parser.parse(format(CLEAN, 'junit', { files: ['main.tf'] })).testsuites;
  assert.deepEqual([withFiles.tests, withFiles.failures, withFiles.testsuite[0].testcase[0].name], ['1', '0', 'keymgmt-lint']);
  const xml = format(CLEAN, 'junit');
  assert.equal(XMLValidator.validate(xml), true);
  assert.equal(parser.parse(xml).testsuites.tests, '0');
});

test('sarif: rules come from rules(), results point at them', () => {
  const log = JSON.parse(format(REPORT, 'sarif'));
  assert.equal(log.version, '2.1.0');
  const [run] = log.runs;
  assert.equal(run.columnKind, 'utf16CodeUnits');
  const { driver } = run.tool;
  assert.equal(driver.name, 'keymgmt-lint');
  assert.equal(driver.version, version());
  const known = rules();
  assert.deepEqual(driver.rules.map((r) => r.id), known.map((r) => r.id));
  const dup = known.find((r) => r.id === 'duplicate-name');
  const descriptor = driver.rules.find((r) => r.id === 'duplicate-name');
  assert.equal(descriptor.shortDescription.text, dup.summary);
  // The documentation once, in help.markdown; the full description is its first section.
  assert.equal(descriptor.help.markdown, dup.docs);
  assert.equal(descriptor.fullDescription.markdown, undefined);
  assert.ok(dup.docs.replace(/\s+/g, ' ').includes(descriptor.fullDescription.text), descriptor.fullDescription.text);
  assert.ok(descriptor.fullDescription.text.startsWith('That no two `vault_keymgmt_key` resources'));
  assert.equal(descriptor.help.text, `${dup.summary} Documentation: keymgmt-lint --explain duplicate-name`);
  assert.equal(descriptor.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[dup.severity]);
  assert.equal(descriptor.helpUri, undefined);
  assert.deepEqual(run.results.map((r) => [r.ruleId, driver.rules[r.ruleIndex].id, r.level]), [
    ['duplicate-name', 'duplicate-name', 'error'],
    ['duplicate-name', 'duplicate-name', 'warning'],
    ['replicate-ordering', 'replicate-ordering', 'note'],
  ]);
  const [first, second, third] = run.results;
  // The related location is linked from the message, as GitHub renders `[text](id)`.
  assert.equal(first.message.text, `${REPORT.diagnostics[0].message} Related: [The first key named \`app\`.](1).`);
  assert.equal(second.message.text, REPORT.diagnostics[1].message);
  assert.deepEqual(first.locations[0].physicalLocation, {
    artifactLocation: { uri: 'infra/keys.tf' },
    region: { startLine: 12, startColumn: 10, endLine: 12, endColumn: 15, byteOffset: 200, byteLength: 5 },
  });
  assert.deepEqual(first.locations[0].logicalLocations, [{ fullyQualifiedName: 'vault_keymgmt_key.copy', kind: 'resource' }]);
  assert.deepEqual(first.relatedLocations, [
    {
      id: 1,
      physicalLocation: {
        artifactLocation: { uri: 'infra/keys.tf' },
        region: { startLine: 3, startColumn: 10, endLine: 3, endColumn: 15, byteOffset: 40, byteLength: 5 },
      },
      message: { text: 'The first key named `app`.' },
    },
  ]);
  assert.equal(second.relatedLocations, undefined);
  assert.equal(third.locations[0].physicalLocation.artifactLocation.uri, 'infra/weird%2C%20name%3A1.tf');
});

test('sarif: square brackets and backslashes in a link text are escaped, the rest of the message is not', () => {
  const d = { ...REPORT.diagnostics[0], message: 'In `module.m["a"]`.', related: [{ ...REPORT.diagnostics[0].related[0], message: 'key `k["x"]` at C:\\dir' }] };
  const [result] = JSON.parse(format({ ...CLEAN, diagnostics: [d] }, 'sarif')).runs[0].results;
  assert.equal(result.message.text, 'In `module.m["a"]`. Related: [key `k\\["x"\\]` at C:\\\\dir](1).');
});

test('sarif: fingerprints stay the same when lines move, and tell alike results apart', () => {
  const fingerprints = (report) => JSON.parse(format(report, 'sarif', { cwd: '/repo' })).runs[0].results.map((r) => r.partialFingerprints.primaryLocationLineHash);
  const moved = {
    ...REPORT,
    diagnostics: REPORT.diagnostics.map((d) => ({ ...d, range: { start: at(d.range.start.line + 7, 1, d.range.start.offset + 90), end: at(d.range.end.line + 7, 4, d.range.end.offset + 90) } })),
  };
  const before = fingerprints(REPORT);
  assert.deepEqual(fingerprints(moved), before);
  assert.equal(new Set(before).size, 3);
  for (const fingerprint of before) assert.match(fingerprint, /^[0-9a-f]{16}:1$/);
  // Two results alike but for their place: the second is the second occurrence.
  const twice = fingerprints({ ...CLEAN, diagnostics: [REPORT.diagnostics[1], { ...REPORT.diagnostics[1], range: REPORT.diagnostics[0].range }] });
  assert.equal(twice[1], `${twice[0].split(':')[0]}:2`);
  // Another file, rule, resource or message is another result.
  const base = REPORT.diagnostics[0];
  const variants = [{ file: 'infra/other.tf' }, { rule: 'unknown-kms' }, { resource: 'vault_keymgmt_key.other' }, { message: 'Another message.' }];
  for (const change of variants) {
    assert.notEqual(fingerprints({ ...CLEAN, diagnostics: [{ ...base, ...change }] })[0], before[0], JSON.stringify(change));
  }
});

test('sarif: the security rules carry the security tag and a security severity', () => {
  const { rules: descriptors } = JSON.parse(format(CLEAN, 'sarif')).runs[0].tool.driver;
  const security = descriptors.filter((r) => r.properties['security-severity'] !== undefined).map((r) => r.id);
  assert.deepEqual(security.sort(), ['credentials-conflict', 'credentials-incomplete', 'hardcoded-secret']);
  for (const rule of descriptors) {
    const isSecurity = security.includes(rule.id);
    assert.equal(rule.properties.tags.includes('security'), isSecurity, rule.id);
    if (isSecurity) {
      const score = Number(rule.properties['security-severity']);
      assert.ok(score > 0 && score <= 10, rule.id);
    }
  }
  // A committed secret is a high-severity alert on GitHub (7.0 to 8.9).
  const secret = Number(descriptors.find((r) => r.id === 'hardcoded-secret').properties['security-severity']);
  assert.ok(secret >= 7 && secret < 9);
});

test('sarif: paths become URIs relative to cwd, with forward slashes', () => {
  const report = (file) => ({ ...CLEAN, diagnostics: [{ ...REPORT.diagnostics[1], file }] });
  const uriOf = (file, options) => JSON.parse(format(report(file), 'sarif', options)).runs[0].results[0].locations[0].physicalLocation.artifactLocation;
  assert.deepEqual(uriOf('./infra/main.tf', { cwd: '/repo' }), { uri: 'infra/main.tf', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(uriOf('/repo/infra/main.tf', { cwd: '/repo' }), { uri: 'infra/main.tf', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(uriOf('/elsewhere/a b#c.tf', { cwd: '/repo' }), { uri: 'file:///elsewhere/a%20b%23c.tf' });
  assert.deepEqual(uriOf('infra\\vault\\main.tf'), { uri: 'infra/vault/main.tf' });
  assert.deepEqual(uriOf('C:\\work\\main.tf', { cwd: 'C:\\work' }), { uri: 'main.tf', uriBaseId: '%SRCROOT%' });
  const run = JSON.parse(format(report('main.tf'), 'sarif', { cwd: '/repo/x y' })).runs[0];
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///repo/x%20y/' } });
});

test('sarif: docsBaseUrl gives each rule a helpUri into docs/rules/', () => {
  const base = 'https://example.invalid/keymgmt-lint/docs/rules';
  const { driver } = JSON.parse(format(CLEAN, 'sarif', { docsBaseUrl: base })).runs[0].tool;
  assert.equal(driver.informationUri, base);
  for (const rule of driver.rules) assert.equal(rule.helpUri, `${base}/${rule.id}.md`);
});

test('sarif: a diagnostic under an id the core does not list still gets a valid ruleIndex', () => {
  const d = { ...REPORT.diagnostics[1], rule: 'made-up-rule' };
  const { results, tool } = JSON.parse(format({ ...CLEAN, diagnostics: [d] }, 'sarif')).runs[0];
  assert.equal(tool.driver.rules[results[0].ruleIndex].id, 'made-up-rule');
});

test('stylish and json through format()', () => {
  const plain = format(REPORT, 'stylish');
  assert.match(plain, /^infra\/keys\.tf\n {2}12:10 {2}error /);
  assert.doesNotMatch(plain, /\x1b\[/);
  assert.match(format(REPORT, 'stylish', { color: true }), /\x1b\[31merror/);
  assert.deepEqual(JSON.parse(format(REPORT, 'json')), REPORT);
  assert.equal(format(CLEAN, 'stylish'), '');
});

test('format() rejects an unknown format, option or report shape with a TypeError', () => {
  assert.throws(() => format(REPORT, 'xml'), (e) => e instanceof TypeError && /unknown format "xml"/.test(e.message));
  assert.throws(() => format(REPORT), TypeError);
  assert.throws(() => format(REPORT, 'json', { colour: true }), (e) => e instanceof TypeError && /colour/.test(e.message));
  assert.throws(() => format(REPORT, 'junit', { files: 'main.tf' }), TypeError);
  assert.throws(() => format(REPORT, 'sarif', { docsBaseUrl: 'docs/rules' }), TypeError);
  assert.throws(() => format({ diagnostics: 'none' }, 'json'), TypeError);
  assert.throws(() => format(null, 'json'), TypeError);
});
