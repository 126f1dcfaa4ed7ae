// Secret redaction audit (issue 6, part 4). Unique secrets are planted in every sensitive argument
// of every resource type, found by walking the resource schemas for `"sensitive": true`, so that a
// sensitive argument added to a schema is covered without touching this file. They are planted as
// quoted and heredoc literals, inside the credentials maps, in .tf.json, through .tfvars /
// .tfvars.json / --var-file / variable defaults / the config file, in a plan's JSON, and in the
// situations where the linter talks about those arguments: wrong types, misspelt names, parse
// errors on the secret's own line, duplicate arguments, interpolations, ignore comments, invalid
// neighbours. Every output (CLI stdout, stderr and --output-file in every format, the JS API's
// reports, format() in every format, graph(), thrown errors with their stack) must contain none
// of them, in any of the forms a format could give them: raw, JSON-escaped, XML-escaped,
// percent-encoded, GitHub-annotation-escaped, the HCL spelling, the first 12 characters or any
// random fragment of the value.
//
// A failure names the situation, the output and the argument whose value leaked, and shows the
// leaking line with every form of the secret replaced by ***. The values are planted fakes.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { PKG, BIN } from './helpers.js';
import * as api from '../src/index.js';

// ---------------------------------------------------------------------------------------------
// The sensitive arguments, from the schemas.

// The repository's schemas are the source of truth; the package's copy (made at build) serves
// when the tests run from a packed package.
const SCHEMA_DIR = [path.join(PKG, '..', 'schemas'), path.join(PKG, 'schemas')].find((d) => existsSync(d));
// Resource types that have sensitive arguments today: the walk must find some in each.
const KNOWN_SENSITIVE_TYPES = ['vault_keymgmt_aws_kms', 'vault_keymgmt_azure_kms', 'vault_keymgmt_gcp_kms'];

const SCHEMAS = Object.fromEntries(
  readdirSync(SCHEMA_DIR)
    .filter((f) => /^vault_.*\.json$/.test(f))
    .map((f) => {
      const doc = JSON.parse(readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));
      return [doc.title ?? f.replace(/\.json$/, ''), doc];
    }),
);

function resolve(doc, node) {
  for (let i = 0; i < 16 && typeof node?.$ref === 'string' && node.$ref.startsWith('#'); i++) {
    node = node.$ref
      .slice(1)
      .split('/')
      .filter(Boolean)
      .reduce((n, k) => n?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
  }
  return node ?? {};
}

const typesOf = (node) => [node.type].flat().filter(Boolean);

/**
 * Every argument or map entry that holds a secret: marked `sensitive` itself (`own`) or inside
 * something that is (`inherited`, e.g. Azure's `credentials.tenant_id`), with its path.
 */
function sensitiveSlots(doc) {
  const slots = [];
  const walk = (raw, prefix, inherited) => {
    const node = resolve(doc, raw);
    for (const [name, rawChild] of Object.entries(node.properties ?? {})) {
      const child = resolve(doc, rawChild);
      const own = child.sensitive === true;
      const p = [...prefix, name];
      if (own || inherited) slots.push({ path: p, own, inherited, types: typesOf(child), node: child });
      walk(child, p, inherited || own);
    }
  };
  walk(doc, [], false);
  return slots;
}

/** Every `"sensitive": true` anywhere in a document, however nested: the walk must see them all. */
function countSensitiveMarks(value) {
  if (Array.isArray(value)) return value.reduce((n, v) => n + countSensitiveMarks(v), 0);
  if (value && typeof value === 'object') {
    return Object.entries(value).reduce((n, [k, v]) => n + (k === 'sensitive' && v === true ? 1 : countSensitiveMarks(v)), 0);
  }
  return 0;
}

const SLOTS = Object.fromEntries(
  Object.entries(SCHEMAS)
    .map(([type, doc]) => [type, sensitiveSlots(doc)])
    .filter(([, slots]) => slots.length > 0),
);
const TYPES = Object.keys(SLOTS).sort();
const topLevel = (type) => SLOTS[type].filter((s) => s.path.length === 1);
const childrenOf = (type, slot) =>
  SLOTS[type].filter((s) => s.path.length === slot.path.length + 1 && slot.path.every((k, i) => s.path[i] === k));
const isMap = (slot) => slot.types.includes('object');
const isString = (slot) => slot.types.includes('string') || slot.types.length === 0;
const dotted = (p) => p.join('.');
const short = (type) => type.replace(/^vault_keymgmt_/, '').replace(/^vault_/, '');

// ---------------------------------------------------------------------------------------------
// The secrets: unique, registered, and searched for in every form.

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function random(n, alphabet = ALNUM) {
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}
const MARKER = 'S3CR3T';
const SECRETS = [];

/**
 * A new secret for `label` (the situation and the argument it is planted in). Its flavour follows
 * the argument: an AWS-looking access key id, a multi-line PEM / service-account JSON for GCP, a
 * number, a bare identifier, or by default a string with characters that JSON, XML and GitHub
 * annotations must escape.
 */
function secret(label, flavour = 'text') {
  const r1 = random(10);
  const r2 = random(10);
  let value;
  let fragments = [r1, r2];
  switch (flavour) {
    case 'akia':
      // 20 characters as real ones, random first so that its first 12 characters are its own.
      value = `AKIA${r1}${MARKER}`;
      fragments = [r1];
      break;
    case 'pem': {
      const body = `MIIEv${MARKER}${r1}${random(40, B64)}`;
      value = `-----BEGIN PRIVATE KEY-----\n${body}\n${r2}${random(50, B64)}\n-----END PRIVATE KEY-----`;
      fragments = [body, r1, r2];
      break;
    }
    case 'gcp-json': {
      const key = `-----BEGIN PRIVATE KEY-----\nMIIEv${MARKER}${r1}\n${r2}\n-----END PRIVATE KEY-----\n`;
      value = JSON.stringify({ type: 'service_account', private_key_id: `${MARKER}${r1}`, private_key: key }, null, 2);
      break;
    }
    case 'number': {
      // A 16-digit number whose digits are the fragment.
      value = `${1 + (randomBytes(1)[0] % 9)}${[...randomBytes(15)].map((b) => b % 10).join('')}`;
      fragments = [value];
      break;
    }
    case 'ident':
      value = `${MARKER}${r1}_${r2}`;
      break;
    default:
      value = `${MARKER}${r1}-${label.replace(/[^A-Za-z0-9_.]/g, '_').slice(-40)}-${r2}<&"'%:,>`;
  }
  const s = { label, flavour, value, fragments };
  s.needles = needles(s);
  SECRETS.push(s);
  return s;
}

const jsonEscaped = (v) => JSON.stringify(v).slice(1, -1);
const xmlText = (v) => v.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const xmlAttr = (v) => xmlText(v).replaceAll('"', '&quot;').replaceAll("'", '&apos;').replaceAll('\n', '&#10;');
const xmlNumeric = (v) => xmlText(v).replaceAll('"', '&#34;').replaceAll("'", '&#39;').replaceAll('\n', '&#10;');
const githubData = (v) => v.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const githubProperty = (v) => githubData(v).replaceAll(':', '%3A').replaceAll(',', '%2C');

// How a value can end up in an output: as written, or as a message quotes it (JSON-style, as
// `is "..."` does), then escaped by the output format.
const QUOTINGS = [
  ['', (v) => v],
  ['quoted JSON-style', jsonEscaped],
  ['HCL-quoted', (v) => hclQuoted(v).slice(1, -1)],
];
const ENCODINGS = [
  ['', (v) => v],
  ['JSON-escaped', jsonEscaped],
  ['XML-escaped', xmlText],
  ['XML-attribute-escaped', xmlAttr],
  ['XML-numeric-escaped', xmlNumeric],
  ['GitHub-escaped', githubData],
  ['GitHub-property-escaped', githubProperty],
  ['percent-encoded', encodeURIComponent],
];

/** [form name, text] pairs to search for; every one is specific to this secret. */
function needles({ value, fragments, flavour }) {
  const forms = [];
  for (const [q, quote] of QUOTINGS) {
    for (const [e, encode] of ENCODINGS) forms.push([[q, e].filter(Boolean).join(', then ') || 'raw', encode(quote(value))]);
  }
  forms.push(['JSON-escaped twice', jsonEscaped(jsonEscaped(value))]);
  if (flavour !== 'pem' && flavour !== 'gcp-json') forms.push(['its first 12 characters', value.slice(0, 12)]);
  forms.push(...fragments.map((f) => ['a random fragment of it', f]));
  const seen = new Set();
  return forms.filter(([, text]) => text.length >= 8 && !seen.has(text) && seen.add(text));
}

/**
 * Every planted secret found in `text` (`where` names the output); `only` limits the search to
 * some secrets, the default is all of them. Any `S3CR3T` at all is a leak too.
 * @returns {{ where: string, label: string, form: string, line: number, excerpt: string }[]}
 */
function findLeaks(text, where, only = SECRETS) {
  const leaks = [];
  if (typeof text !== 'string' || text === '') return leaks;
  // Every form of a value contains its random fragments verbatim (they are letters and digits,
  // which no format escapes), so only the secrets with a fragment in the text need the full
  // search; the first-12-characters forms hold the marker, which sends every secret there.
  // (An AWS-style key's first 12 characters hold 8 of its fragment's: windows of 8 find them.)
  const windows = new Set();
  for (const [run] of text.matchAll(/[A-Z0-9]{8,}/g)) for (let i = 0; i + 8 <= run.length; i++) windows.add(run.slice(i, i + 8));
  const marked = text.includes(MARKER);
  const candidates = marked ? only : only.filter((s) => s.fragments.some((f) => windows.has(f.slice(0, 8)) || !/^[A-Z0-9]{8}/.test(f)));
  for (const s of candidates) {
    const hit = s.needles.find(([, needle]) => text.includes(needle));
    if (hit) leaks.push(describeLeak(text, where, s, hit));
  }
  if (leaks.length === 0 && marked) {
    const index = text.indexOf(MARKER);
    leaks.push({ where, label: `some planted secret (its marker ${MARKER})`, form: 'marker', line: text.slice(0, index).split('\n').length, excerpt: excerpt(lineAt(text, index), []) });
  }
  return leaks;
}

function lineAt(text, index) {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end < 0 ? undefined : end);
}

function describeLeak(text, where, s, [form, needle]) {
  const index = text.indexOf(needle);
  return { where, label: s.label, form, line: text.slice(0, index).split('\n').length, excerpt: excerpt(lineAt(text, index), s.needles.map(([, n]) => n)) };
}

/** The line with every form of the secret (and any marker) replaced by ***, cut to a readable length. */
function excerpt(line, hide) {
  let out = line.replace(/\x1b\[[0-9;]*m/g, '');
  for (const n of [...hide].sort((a, b) => b.length - a.length)) out = out.split(n).join('***');
  out = out.replace(new RegExp(`[^\\s\`'"]*${MARKER}[^\\s\`'"]*`, 'g'), '***');
  return JSON.stringify(out.length > 240 ? `${out.slice(0, 240)}…` : out);
}

/** Fails with a compact account of the leaks: which arguments, in which outputs, examples. */
function assertNoLeaks(leaks, what) {
  if (leaks.length === 0) return;
  const unique = (xs) => [...new Set(xs)];
  const labels = unique(leaks.map((l) => l.label));
  const outputs = unique(leaks.map((l) => l.where));
  const examples = [];
  const shown = new Set();
  for (const l of leaks) {
    const kind = `${l.where.replace(/ \((stdout|stderr|the file)\)$/, '')}|${l.excerpt.replace(/\d+/g, '#').slice(0, 60)}`;
    if (shown.has(kind) || examples.length >= 8) continue;
    shown.add(kind);
    examples.push(`${l.where}: ${l.label} (${l.form}), line ${l.line}: ${l.excerpt}`);
  }
  assert.fail(
    [
      `${what}: planted secrets leak (${leaks.length} finding(s)).`,
      `Leaking values (${labels.length}): ${labels.slice(0, 20).join('; ')}${labels.length > 20 ? '; …' : ''}`,
      `In outputs (${outputs.length}): ${outputs.slice(0, 16).join('; ')}${outputs.length > 16 ? '; …' : ''}`,
      'Examples (the secret replaced by ***):',
      ...examples.map((e) => `  ${e}`),
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------
// Writing Terraform: a small value model rendered as HCL (.tf, .tfvars) or JSON (.tf.json).

const EXPR = Symbol('expression');
const HEREDOC = Symbol('heredoc');
const RAW = Symbol('raw text');
const expr = (text) => ({ [EXPR]: text });
const heredoc = (text) => ({ [HEREDOC]: text });
/** HCL written as is, e.g. a deliberately broken line; a string in .tf.json. */
const raw = (text) => ({ [RAW]: text });

function hclQuoted(s) {
  const escaped = s
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\t', '\\t')
    .replaceAll('${', '$${')
    .replaceAll('%{', '%%{');
  return `"${escaped}"`;
}

function hcl(value, indent = '') {
  const inner = `${indent}  `;
  if (value === null) return 'null';
  if (typeof value === 'string') return hclQuoted(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value[EXPR] !== undefined) return value[EXPR];
  if (value[RAW] !== undefined) return value[RAW];
  if (value[HEREDOC] !== undefined) {
    const lines = value[HEREDOC].split('\n').map((l) => `${inner}${l}`);
    return `<<-EOT\n${lines.join('\n')}\n${inner}EOT`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => hcl(v, indent)).join(', ')}]`;
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${hclKey(k)} = ${hcl(v, inner)}`).join('\n')}\n${indent}}`;
}

const hclKey = (k) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : hclQuoted(k));

/** A block: `kind "label" "label" { ... }`; `lines` are written before an argument when given. */
function block(kind, labels, body, { before = {} } = {}) {
  const lines = Object.entries(body).map(([k, v]) => `${(before[k] ?? []).map((l) => `  ${l}\n`).join('')}  ${k} = ${hcl(v, '  ')}`);
  return `${kind} ${labels.map((l) => `"${l}"`).join(' ')} {\n${lines.join('\n')}\n}\n`;
}

function tfJsonValue(value) {
  if (value === null || typeof value !== 'object') return value;
  if (value[EXPR] !== undefined) return `\${${value[EXPR]}}`;
  if (value[HEREDOC] !== undefined) return value[HEREDOC];
  if (value[RAW] !== undefined) return value[RAW];
  if (Array.isArray(value)) return value.map(tfJsonValue);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tfJsonValue(v)]));
}

const tfvars = (values) => Object.entries(values).map(([k, v]) => `${k} = ${hcl(v)}\n`).join('');

// ---------------------------------------------------------------------------------------------
// Resources with secrets in every sensitive slot.

const MOUNT = block('resource', ['vault_mount', 'keymgmt'], { path: 'keymgmt', type: 'keymgmt' });

// Valid values of the other required arguments, so that the findings are about the secrets.
const KEY_COLLECTION = {
  vault_keymgmt_aws_kms: 'us-west-2',
  vault_keymgmt_azure_kms: 'keyvault-example',
  vault_keymgmt_gcp_kms: 'projects/example/locations/global/keyRings/example',
};

function baseArgs(type, name) {
  const args = { path: expr('vault_mount.keymgmt.path'), name: `${short(type)}-${name}`.replaceAll('_', '-') };
  if (SCHEMAS[type].properties?.key_collection) args.key_collection = KEY_COLLECTION[type] ?? 'example';
  return args;
}

/** The flavour of secret that looks most like what the slot holds. */
function flavourOf(type, slot) {
  const name = slot.path.at(-1);
  if (name === 'access_key') return 'akia';
  if (name === 'service_account_file') return 'pem';
  if (type.includes('gcp') && dotted(slot.path) === 'credentials') return 'gcp-json';
  return 'text';
}

/**
 * A plant: where one secret goes and what the linter should say there.
 * @typedef {{ secret: object, type: string, resource: string, path: string[], hardcoded: boolean }} Plant
 */

/**
 * Fills every sensitive slot of one resource. `leaf(slot, label)` returns the value to write for a
 * string slot (and may register a secret); a top-level map gets its entries filled the same way,
 * unless `mapAs(slot)` returns a value for the whole map.
 */
function fillSlots(type, { leaf, mapAs = () => undefined, include = () => true }) {
  const body = {};
  for (const slot of topLevel(type).filter(include)) {
    const whole = isMap(slot) ? mapAs(slot) : undefined;
    if (whole !== undefined) {
      body[slot.path[0]] = whole;
    } else if (isMap(slot)) {
      const map = {};
      for (const child of childrenOf(type, slot).filter(include)) map[child.path.at(-1)] = leaf(child);
      body[slot.path[0]] = map;
    } else if (isString(slot)) {
      body[slot.path[0]] = leaf(slot);
    }
  }
  return body;
}

/** The slots of a type that the resource has as strings: top-level strings and the entries of maps. */
const stringSlots = (type) => SLOTS[type].filter((s) => isString(s) && !(s.path.length === 1 && isMap(s)));

// ---------------------------------------------------------------------------------------------
// Running the CLI (concurrently) and the API.

const INHERITED = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['NO_COLOR', 'FORCE_COLOR', 'KEYMGMT_LINT_TEST_PANIC'].includes(k)));

function runCli(args, { cwd, env = {}, input } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...INHERITED, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

async function pool(tasks, size = 4) {
  const results = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'];

/**
 * Runs the CLI with `args` in every format (stylish with and without colour; each format also
 * into --output-file) and returns the leaks and the JSON report.
 */
async function cliEveryFormat(name, args, { cwd, env = {}, input, expectedCode, outputFiles = false } = {}) {
  const outDir = tempDir('keymgmt-lint-redaction-out-');
  const runs = [
    ...FORMATS.map((format) => ({ label: `--format ${format}`, args: ['--format', format, ...args], env: { FORCE_COLOR: '0' } })),
    { label: '--format stylish in colour', args: ['--format', 'stylish', ...args], env: { FORCE_COLOR: '1' } },
    { label: '--quiet --max-warnings 0 --format github', args: ['--quiet', '--max-warnings', '0', '--format', 'github', ...args], env: {} },
    ...(outputFiles ? FORMATS : []).map((format) => ({
      label: `--format ${format} --output-file`,
      file: path.join(outDir, `out.${format}`),
      args: ['--format', format, '--output-file', path.join(outDir, `out.${format}`), ...args],
      env: { FORCE_COLOR: '1' },
    })),
  ];
  const results = await pool(runs.map((run) => () => runCli(run.args, { cwd, env: { ...env, ...run.env }, input })));
  const leaks = [];
  let report;
  runs.forEach((run, i) => {
    const { code, stdout, stderr } = results[i];
    const where = `${name} / CLI ${run.label}`;
    leaks.push(...findLeaks(stdout, `${where} (stdout)`), ...findLeaks(stderr, `${where} (stderr)`));
    if (run.file) leaks.push(...findLeaks(existsSync(run.file) ? readFileSync(run.file, 'utf8') : '', `${where} (the file)`));
    if (expectedCode !== undefined) assert.equal(code, expectedCode, `${where}: exit code (stderr: ${stderr.split('\n')[0].replaceAll(MARKER, '***')})`);
    if (run.label === '--format json' && code !== 2) report = JSON.parse(stdout);
    if (run.file && code !== 2) assert.ok(readFileSync(run.file, 'utf8').length > 0, `${where}: the output file is empty`);
  });
  return { leaks, report, results: Object.fromEntries(runs.map((r, i) => [r.label, results[i]])) };
}

/** Every rendering of an API report: the object itself, format() in each format, graph(). */
function apiOutputs(name, report, { files = [], graphOf } = {}) {
  const leaks = [];
  const where = (what) => `${name} / API ${what}`;
  leaks.push(...findLeaks(JSON.stringify(report), where('report object')));
  leaks.push(...findLeaks(inspect(report, { depth: Infinity }), where('util.inspect(report)')));
  for (const format of FORMATS) {
    leaks.push(...findLeaks(api.format(report, format), where(`format(report, '${format}')`)));
  }
  leaks.push(...findLeaks(api.format(report, 'stylish', { color: true }), where("format(report, 'stylish', { color: true })")));
  leaks.push(...findLeaks(api.format(report, 'sarif', { cwd: tmpdir(), docsBaseUrl: 'https://example.com/rules/' }), where("format(report, 'sarif', { cwd, docsBaseUrl })")));
  leaks.push(...findLeaks(api.format(report, 'junit', { files }), where("format(report, 'junit', { files })")));
  if (graphOf) leaks.push(...findLeaks(JSON.stringify(api.graph(...graphOf)), where('graph()')));
  return leaks;
}

/** The error `fn` throws, in every way a caller could print it; '' when it does not throw. */
function errorText(fn) {
  try {
    fn();
    return { thrown: undefined, text: '' };
  } catch (error) {
    const text = [
      String(error),
      error?.message,
      error?.stack,
      inspect(error, { depth: Infinity }),
      error?.cause && inspect(error.cause, { depth: Infinity }),
      error?.errors && JSON.stringify(error.errors),
    ]
      .filter(Boolean)
      .join('\n');
    return { thrown: error, text };
  }
}

// ---------------------------------------------------------------------------------------------
// Sanity: the linter did look at the planted arguments.

/** For each plant that should be reported as a hard-coded secret, a diagnostic saying so. */
function assertHardcodedReported(report, plants, what) {
  const missing = plants
    .filter((p) => p.hardcoded)
    .filter(
      (p) =>
        !report.diagnostics.some(
          (d) => d.rule === 'hardcoded-secret' && d.message.includes(`\`${p.resource}\``) && d.message.includes(`\`${dotted(p.path)}\``),
        ),
    );
  assert.deepEqual(
    missing.map((p) => `${p.resource} ${dotted(p.path)}`),
    [],
    `${what}: hardcoded-secret did not fire for these planted literals (so the audit would prove nothing there)`,
  );
}

function assertReported(report, rule, resource, argument, what) {
  const found = report.diagnostics.some(
    (d) => d.rule === rule && (d.resource === resource || d.message.includes(`\`${resource}\``)) && (argument === undefined || d.message.includes(`\`${argument}`)),
  );
  assert.ok(found, `${what}: expected ${rule} on ${resource}${argument ? ` about ${argument}` : ''}; got ${JSON.stringify(report.diagnostics.map((d) => `${d.rule}: ${d.resource ?? d.file}`))}`);
}

// Temporary directories, removed at the end (kept with KEYMGMT_LINT_KEEP_TMP=1, to look at them).
const TEMP_DIRS = [];
function tempDir(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  TEMP_DIRS.push(dir);
  return dir;
}
after(() => {
  if (process.env.KEYMGMT_LINT_KEEP_TMP !== '1') for (const dir of TEMP_DIRS) rmSync(dir, { recursive: true, force: true });
});

function writeModule(files) {
  const root = tempDir('keymgmt-lint-redaction-');
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

/** A leaf function: registers a secret for the slot and returns what to write there. */
function planter(scenario, type, resource, plants, { write = (s) => s.value, hardcoded = true, flavour } = {}) {
  return (slot) => {
    const chosen = typeof flavour === 'function' ? flavour(slot) : flavour;
    const s = secret(`${scenario}: ${type}.${resource} ${dotted(slot.path)}`, chosen ?? flavourOf(type, slot));
    plants.push({ secret: s, type, resource: `${type}.${resource}`, path: slot.path, hardcoded: hardcoded && slot.own });
    return write(s, slot);
  };
}

/** Lints `files` (name → text) through the API and checks every rendering; returns the report. */
function lintThroughApi(name, files, options, { extraFiles = [] } = {}) {
  const sources = [...Object.entries(files).filter(([f]) => /\.(tf|tf\.json|tfvars|tfvars\.json)$/.test(f)), ...extraFiles].map(([p, text]) => ({ path: p, text }));
  const report = api.lint(sources, options);
  const leaks = apiOutputs(name, report, { files: sources.map((s) => s.path), graphOf: [sources, options] });
  return { report, leaks };
}

/** Runs one module through the CLI (every format) and the API; returns both reports and all leaks. */
async function audit(name, { files, cliArgs = [], apiOptions, extraFiles = [], expectedCode = 1, env, outputFiles }) {
  const root = writeModule(files);
  const dir = path.join(root, 'module');
  const cli = await cliEveryFormat(name, [...cliArgs.map((a) => (typeof a === 'function' ? a(root) : a)), dir], { cwd: root, expectedCode, env, outputFiles });
  const moduleFiles = Object.fromEntries(Object.entries(files).filter(([f]) => f.startsWith('module/')).map(([f, t]) => [f.slice('module/'.length), t]));
  const viaApi = lintThroughApi(name, moduleFiles, apiOptions, { extraFiles });
  return { cliReport: cli.report, apiReport: viaApi.report, leaks: [...cli.leaks, ...viaApi.leaks], root };
}

/** Checks a sanity condition on both reports. */
function onBoth({ cliReport, apiReport }, check) {
  assert.ok(cliReport, 'the CLI produced a JSON report');
  check(cliReport, 'CLI');
  check(apiReport, 'API');
}

// ---------------------------------------------------------------------------------------------
// The schemas.

test('the schema walk finds the sensitive arguments of every resource type known to have them', () => {
  for (const type of KNOWN_SENSITIVE_TYPES) {
    assert.ok(SCHEMAS[type], `${type} has a schema in ${SCHEMA_DIR}`);
    const own = (SLOTS[type] ?? []).filter((s) => s.own);
    assert.ok(own.length > 0, `${type}: no "sensitive": true found, so the audit would be vacuous for it`);
    assert.ok(
      own.some((s) => s.path.length === 1) && own.some((s) => s.path.length > 1),
      `${type}: expected sensitive top-level arguments and sensitive entries inside a map`,
    );
  }
  // The structured walk sees every mark in the documents, however nested.
  for (const [type, doc] of Object.entries(SCHEMAS)) {
    assert.equal((SLOTS[type] ?? []).filter((s) => s.own).length, countSensitiveMarks(doc.properties ?? {}), `${type}: a "sensitive" mark the walk missed`);
  }
  // What the issue names explicitly.
  const names = (type) => SLOTS[type].filter((s) => s.own).map((s) => dotted(s.path));
  for (const n of ['access_key', 'secret_key', 'credentials.access_key', 'credentials.secret_key', 'credentials_wo.secret_key']) assert.ok(names('vault_keymgmt_aws_kms').includes(n), n);
  assert.ok(names('vault_keymgmt_azure_kms').includes('client_secret'));
  assert.ok(names('vault_keymgmt_gcp_kms').includes('credentials'));
  // Every string slot gets a secret in the literal situations; the count is in the test names.
  assert.ok(TYPES.reduce((n, t) => n + stringSlots(t).length, 0) >= 15);
});

const SLOT_COUNT = TYPES.reduce((n, t) => n + SLOTS[t].length, 0);

// ---------------------------------------------------------------------------------------------
// Literals in .tf: quoted, heredoc, via locals, next to invalid neighbours, misspelt, interpolated,
// under ignore comments.

test(`literals in .tf (quoted, heredoc, locals, misspelt, interpolated, ignored; ${SLOT_COUNT} sensitive slots) never reach any output`, async () => {
  const plants = [];
  const expected = [];
  const S = 'literal';
  let main = MOUNT + block('variable', ['ref'], { default: 'not-a-secret' });
  main += block('resource', ['vault_keymgmt_key', 'key'], { path: expr('vault_mount.keymgmt.path'), name: 'key', type: 'rsa-1' });
  expected.push(['invalid-value', 'vault_keymgmt_key.key', 'type']);
  let heredocs = '';
  let viaLocals = '';
  const locals = {};
  let undeclared = 0;
  for (const type of TYPES) {
    main += block('resource', [type, 'quoted'], { ...baseArgs(type, 'quoted'), ...fillSlots(type, { leaf: planter(S, type, 'quoted', plants) }) });
    const both = topLevel(type).filter((s) => isMap(s) && s.types.includes('string'));
    if (both.length > 0) {
      const leaf = planter(S, type, 'string_form', plants);
      main += block('resource', [type, 'string_form'], { ...baseArgs(type, 'string_form'), ...Object.fromEntries(both.map((s) => [s.path[0], leaf(s)])) });
    }
    // An enum error next to the secrets, about a resource that refers to them.
    main += block('resource', ['vault_keymgmt_distribute_key', `${short(type)}_dist`], {
      path: expr('vault_mount.keymgmt.path'),
      kms_name: expr(`${type}.quoted.name`),
      key_name: expr('vault_keymgmt_key.key.name'),
      purpose: ['encrypt', 'bogus'],
    });
    expected.push(['invalid-value', `vault_keymgmt_distribute_key.${short(type)}_dist`, 'purpose']);
    heredocs += block('resource', [type, 'heredoc'], { ...baseArgs(type, 'heredoc'), ...fillSlots(type, { leaf: planter(S, type, 'heredoc', plants, { write: (s) => heredoc(s.value) }) }) });
    viaLocals += block('resource', [type, 'via_local'], {
      ...baseArgs(type, 'via_local'),
      ...fillSlots(type, {
        leaf: planter(S, type, 'via_local', plants, {
          write: (s, slot) => {
            const name = `${short(type)}_${slot.path.join('_')}`;
            locals[name] = s.value;
            return expr(`local.${name}`);
          },
        }),
      }),
    });
    // Misspelt names: top-level (`secret_keyy`), whole maps (`credentialss`) and map entries.
    const typo = baseArgs(type, 'typo');
    const typoLeaf = planter(S, type, 'typo', plants, { hardcoded: false });
    for (const slot of topLevel(type)) {
      const name = slot.path[0];
      const misspelt = `${name}${name.at(-1)}`;
      if (isMap(slot)) {
        typo[misspelt] = Object.fromEntries(childrenOf(type, slot).map((c) => [c.path.at(-1), typoLeaf(c)]));
        typo[name] = Object.fromEntries(childrenOf(type, slot).map((c) => [`${c.path.at(-1)}${c.path.at(-1).at(-1)}`, typoLeaf(c)]));
        for (const c of childrenOf(type, slot)) expected.push(['unknown-argument', `${type}.typo`, `${c.path.at(-1)}${c.path.at(-1).at(-1)}`]);
      } else {
        typo[misspelt] = typoLeaf(slot);
      }
      expected.push(['unknown-argument', `${type}.typo`, misspelt]);
    }
    main += block('resource', [type, 'typo'], typo);
    // Secrets inside interpolations, next to a known and to an undeclared variable.
    main += block('resource', [type, 'interpolated'], {
      ...baseArgs(type, 'interpolated'),
      ...fillSlots(type, {
        leaf: planter(S, type, 'interpolated', plants, {
          hardcoded: false,
          write: (s) => {
            const quoted = hclQuoted(s.value);
            if (undeclared++ % 2 === 0) return raw(`"\${var.ref}${quoted.slice(1)}`);
            expected.push(['unresolved-reference', `${type}.interpolated`, `var.undeclared_${undeclared}`]);
            return raw(`${quoted.slice(0, -1)}\${var.undeclared_${undeclared}}%{ if true }x%{ endif }"`);
          },
        }),
      }),
    });
    // Ignore comments above the secrets: valid ones silence hardcoded-secret, broken ones do not.
    const ignoredBody = { ...baseArgs(type, 'ignored'), ...fillSlots(type, { leaf: planter(S, type, 'ignored', plants, { hardcoded: false }) }) };
    const before = Object.fromEntries(topLevel(type).map((s) => [s.path[0], ['# keymgmt-lint:ignore hardcoded-secret -- rotated out of band, SEC-1']]));
    main += block('resource', [type, 'ignored'], ignoredBody, { before });
    const badBody = { ...baseArgs(type, 'bad_ignore'), ...fillSlots(type, { leaf: planter(S, type, 'bad_ignore', plants) }) };
    const badBefore = Object.fromEntries(topLevel(type).map((s) => [s.path[0], ['// keymgmt-lint:ignore hardcoded-secret', '/* keymgmt-lint:ignore hardcoded-secrett -- typo */']]));
    main += block('resource', [type, 'bad_ignore'], badBody, { before: badBefore });
    expected.push(['invalid-ignore']);
  }
  const files = {
    'module/main.tf': main,
    'module/heredoc.tf': heredocs,
    'module/locals.tf': block('locals', [], locals) + viaLocals,
  };
  const result = await audit(S, { files, outputFiles: true });
  onBoth(result, (report, via) => {
    assertHardcodedReported(report, plants, `${S} (${via})`);
    for (const [rule, resource, argument] of expected) {
      if (resource === undefined) assert.ok(report.diagnostics.some((d) => d.rule === rule), `${via}: ${rule}`);
      else assertReported(report, rule, resource, argument, `${S} (${via})`);
    }
    // The valid ignore comments did silence hardcoded-secret: the comments were read.
    assert.ok(!report.diagnostics.some((d) => d.rule === 'hardcoded-secret' && /\.ignored`/.test(d.message)), `${via}: ignore comments`);
  });
  assertNoLeaks(result.leaks, S);
});

// ---------------------------------------------------------------------------------------------
// .tf.json

test('literals in .tf.json (including a "//" comment) never reach any output', async () => {
  const plants = [];
  const S = 'tf.json';
  const resources = { vault_mount: { keymgmt: { path: 'keymgmt', type: 'keymgmt' } } };
  for (const type of TYPES) {
    resources[type] = {
      json_literal: tfJsonValue({ ...baseArgs(type, 'json_literal'), ...fillSlots(type, { leaf: planter(S, type, 'json_literal', plants) }) }),
      json_list: tfJsonValue({ ...baseArgs(type, 'json_list'), ...fillSlots(type, { leaf: planter(S, type, 'json_list', plants, { hardcoded: false, write: (s) => [s.value] }) }) }),
    };
  }
  const comment = secret(`${S}: "//" comment`);
  const doc = { '//': comment.value, resource: resources };
  const result = await audit(S, { files: { 'module/main.tf.json': JSON.stringify(doc, null, 2) } });
  onBoth(result, (report, via) => {
    assertHardcodedReported(report, plants, `${S} (${via})`);
    for (const p of plants.filter((p) => p.resource.endsWith('.json_list'))) assertReported(report, 'invalid-value', p.resource, dotted(p.path), `${S} (${via})`);
  });
  assertNoLeaks(result.leaks, S);
});

// ---------------------------------------------------------------------------------------------
// Wrong types: a secret where a map, a list, a number is expected, and the other way round.

test('secrets of the wrong type (list, map, number in place of a string; string, list in place of a map) never reach any output', async () => {
  const plants = [];
  const S = 'wrong-type';
  let main = MOUNT;
  const mustReport = [];
  for (const type of TYPES) {
    const variants = [
      ['as_list', (s) => [s.value], true],
      ['as_map', (s) => ({ value: s.value, nested: { deeper: [s.value] } }), true],
      ['as_number', (s) => expr(s.value), false],
    ];
    for (const [name, write, reported] of variants) {
      const leaf = planter(S, type, name, plants, { hardcoded: false, write, flavour: name === 'as_number' ? 'number' : undefined });
      main += block('resource', [type, name], { ...baseArgs(type, name), ...fillSlots(type, { leaf }) });
      if (reported) for (const p of plants.filter((p) => p.resource === `${type}.${name}`)) mustReport.push([p.resource, dotted(p.path)]);
    }
    // Whole maps given as a string (where only a map is allowed) and as a list.
    const maps = topLevel(type).filter(isMap);
    const asString = planter(S, type, 'map_as_string', plants, { hardcoded: false });
    const asList = planter(S, type, 'map_as_list', plants, { hardcoded: false, write: (s) => [s.value] });
    main += block('resource', [type, 'map_as_string'], { ...baseArgs(type, 'map_as_string'), ...Object.fromEntries(maps.map((s) => [s.path[0], asString(s)])) });
    main += block('resource', [type, 'map_as_list'], { ...baseArgs(type, 'map_as_list'), ...Object.fromEntries(maps.map((s) => [s.path[0], asList(s)])) });
    for (const s of maps) {
      if (!s.types.includes('string')) mustReport.push([`${type}.map_as_string`, s.path[0]]);
      mustReport.push([`${type}.map_as_list`, s.path[0]]);
    }
  }
  const result = await audit(S, { files: { 'module/main.tf': main } });
  onBoth(result, (report, via) => {
    for (const [resource, argument] of mustReport) assertReported(report, 'invalid-value', resource, argument, `${S} (${via})`);
  });
  assertNoLeaks(result.leaks, S);
});

// ---------------------------------------------------------------------------------------------
// Variables: terraform.tfvars, *.auto.tfvars.json, --var-file, defaults, --var / options.variables,
// the config file's `variables`.

test('secrets fed through variables (tfvars, tfvars.json, --var-file, defaults, --var, config file), right and wrong types, never reach any output', async () => {
  const S = 'variables';
  const plants = [];
  const SOURCES = ['tfvars', 'tfvars_json', 'var_file', 'default', 'option', 'config'];
  const values = Object.fromEntries(SOURCES.map((s) => [s, {}]));
  let declarations = '';
  let main = MOUNT;
  const mustReport = [];
  let n = 0;
  const viaVariable = (source, wrong) => (s, slot) => {
    const name = `${source}_${n++}_${slot.path.join('_')}`;
    const value = wrong === 'list' ? [s.value] : s.value;
    if (source === 'default') declarations += block('variable', [name], { sensitive: n % 2 === 0, default: value });
    else {
      declarations += block('variable', [name], n % 2 === 0 ? { sensitive: true } : {});
      values[source][name] = value;
    }
    return expr(`var.${name}`);
  };
  for (const source of SOURCES) {
    for (const type of TYPES) {
      const right = planter(`${S} ${source}`, type, source, plants, { hardcoded: false, write: viaVariable(source) });
      main += block('resource', [type, source], { ...baseArgs(type, source), ...fillSlots(type, { leaf: right }) });
      const wrong = planter(`${S} ${source}`, type, `${source}_wrong`, plants, { hardcoded: false, write: viaVariable(source, 'list') });
      main += block('resource', [type, `${source}_wrong`], { ...baseArgs(type, `${source}_wrong`), ...fillSlots(type, { leaf: wrong }) });
      for (const slot of stringSlots(type)) mustReport.push([`${type}.${source}_wrong`, dotted(slot.path)]);
      // A whole map given as a string through a variable.
      const maps = topLevel(type).filter((s) => isMap(s) && !s.types.includes('string'));
      const whole = planter(`${S} ${source}`, type, `${source}_map_as_string`, plants, { hardcoded: false, write: viaVariable(source) });
      main += block('resource', [type, `${source}_map_as_string`], { ...baseArgs(type, `${source}_map_as_string`), ...Object.fromEntries(maps.map((s) => [s.path[0], whole(s)])) });
      for (const s of maps) mustReport.push([`${type}.${source}_map_as_string`, s.path[0]]);
    }
  }
  // A variable that no resource uses, and one that is not declared at all.
  values.tfvars.undeclared_secret = secret(`${S}: undeclared variable in terraform.tfvars`).value;
  values.var_file.undeclared_secret_too = secret(`${S}: undeclared variable in --var-file`).value;
  const config = JSON.stringify({ variables: values.config }, null, 2);
  const extra = tfvars(values.var_file);
  const files = {
    'module/main.tf': main,
    'module/variables.tf': declarations,
    'module/terraform.tfvars': tfvars(values.tfvars),
    'module/secrets.auto.tfvars.json': JSON.stringify(values.tfvars_json, null, 2),
    'module/.keymgmt-lint.json': config,
    'extra.tfvars': extra,
  };
  const cliArgs = ['--var-file', (root) => path.join(root, 'extra.tfvars')];
  for (const [name, value] of Object.entries(values.option)) cliArgs.push('--var', `${name}=${JSON.stringify(value)}`);
  const fromConfig = api.readConfig(config, '.keymgmt-lint.json');
  const apiOptions = { ...fromConfig.options, variables: { ...fromConfig.options.variables, ...values.option } };
  const result = await audit(S, { files, cliArgs, apiOptions, extraFiles: [['extra.tfvars', extra]] });
  onBoth(result, (report, via) => {
    for (const [resource, argument] of mustReport) assertReported(report, 'invalid-value', resource, argument, `${S} (${via})`);
  });
  assertNoLeaks(result.leaks, S);
});

// ---------------------------------------------------------------------------------------------
// Parse errors on the very line of the secret, one per file (a file stops at its first error).

test('parse errors on the line of a secret (.tf, .tf.json, .tfvars, .tfvars.json, duplicates, bad encodings) never echo it', async () => {
  const S = 'parse-error';
  const files = { 'module/main.tf': MOUNT + block('variable', ['sk'], {}) };
  const broken = [];
  const type = 'vault_keymgmt_aws_kms';
  const header = (name) => `resource "${type}" "${name}" {\n  path = vault_mount.keymgmt.path\n  name = "${name}"\n  key_collection = "us-west-2"\n`;
  const plantIn = (file, what, flavour) => secret(`${S}: ${file} (${what})`, flavour);
  const hclCases = {
    'unterminated.tf': (s) => `${header('a')}  secret_key = ${hclQuoted(s.value).slice(0, -1)}\n}\n`,
    'extra-braces.tf': (s) => `${header('b')}  secret_key = ${hclQuoted(s.value)} }}\n}\n`,
    'two-strings.tf': (s) => `${header('c')}  secret_key = ${hclQuoted(s.value)} ${hclQuoted(s.value)}\n}\n`,
    'bad-escape.tf': (s) => `${header('d')}  secret_key = ${hclQuoted(s.value).slice(0, -1)}\\q"\n}\n`,
    'unterminated-heredoc.tf': (s) => `${header('e')}  secret_key = <<EOT\n${s.value}\n}\n`,
    'unterminated-interpolation.tf': (s) => `${header('f')}  secret_key = ${hclQuoted(s.value).slice(0, -1)}\${var.sk"\n}\n`,
    'secret-in-interpolation.tf': (s) => `${header('g')}  secret_key = "\${${s.value}}"\n}\n`,
    'duplicate.tf': (s) => `${header('h')}  secret_key = ${hclQuoted(s.value)}\n  secret_key = ${hclQuoted(plantIn('duplicate.tf', 'second value').value)}\n}\n`,
    'duplicate-in-map.tf': (s) => `${header('i')}  credentials = {\n    secret_key = ${hclQuoted(s.value)}\n    secret_key = ${hclQuoted(plantIn('duplicate-in-map.tf', 'second value').value)}\n  }\n}\n`,
    'map-without-separator.tf': (s) => `${header('j')}  credentials = { access_key = ${hclQuoted(plantIn('map-without-separator.tf', 'access_key', 'akia').value)} secret_key = ${hclQuoted(s.value)} }\n}\n`,
    'unquoted-with-symbols.tf': (s) => `${header('k')}  secret_key = ${s.value}\n}\n`,
    'ignored-line.tf': (s) => `${header('l')}  # keymgmt-lint:ignore parse-error -- it is broken on purpose\n  secret_key = ${hclQuoted(s.value).slice(0, -1)}\n}\n`,
    'top-level-argument.tf': (s) => `secret_key = ${hclQuoted(s.value)}\n`,
    'one-label.tf': (s) => `resource "${type}" {\n  secret_key = ${hclQuoted(s.value)}\n}\n`,
    'pem-unterminated.tf': (s) => `resource "vault_keymgmt_gcp_kms" "m" {\n  credentials = <<-EOT\n${s.value}\n`,
    'broken.auto.tfvars': (s) => `sk = ${hclQuoted(s.value).slice(0, -1)}\n`,
    'block.auto.tfvars': (s) => `variable "sk" {\n  default = ${hclQuoted(s.value)}\n}\n`,
  };
  const jsonCases = {
    'unterminated.tf.json': (s) => `{"resource": {"${type}": {"m": {"secret_key": ${JSON.stringify(s.value).slice(0, -1)}`,
    'bad-escape.tf.json': (s) => `{"resource": {"${type}": {"m": {"secret_key": ${JSON.stringify(s.value).slice(0, -1)}\\q"}}}}`,
    'trailing-comma.tf.json': (s) => `{"resource": {"${type}": {"m": {"secret_key": ${JSON.stringify(s.value)},}}}}`,
    'bare-token.tf.json': (s) => `{"resource": {"${type}": {"m": {"secret_key": ${s.value}}}}}`,
    'bad-template.tf.json': (s) => `{"resource": {"${type}": {"m": {"secret_key": ${JSON.stringify(`\${${s.value}`)}}}}}`,
    'not-an-object.tf.json': (s) => JSON.stringify([s.value]),
    'resource-not-an-object.tf.json': (s) => JSON.stringify({ resource: { [type]: { m: s.value } } }),
    'broken.auto.tfvars.json': (s) => `{"sk": ${JSON.stringify(s.value)},}`,
    'array.auto.tfvars.json': (s) => JSON.stringify([s.value]),
  };
  for (const [file, make] of [...Object.entries(hclCases), ...Object.entries(jsonCases)]) {
    const s = plantIn(file, 'the broken line', file.startsWith('pem') ? 'pem' : file === 'bare-token.tf.json' ? 'ident' : undefined);
    files[`module/${file}`] = make(s);
    broken.push(file);
  }
  // Bytes the CLI cannot decode: reported by the CLI itself, before the core.
  const cut = plantIn('not-utf8.auto.tfvars', 'around the bad byte');
  files['module/not-utf8.auto.tfvars'] = Buffer.concat([Buffer.from(`sk = "${cut.value.slice(0, 20)}`), Buffer.from([0xff]), Buffer.from(`${cut.value.slice(20).replaceAll('"', '')}"\n`)]);
  const nul = plantIn('binary.auto.tfvars', 'around a NUL byte');
  files['module/binary.auto.tfvars'] = Buffer.concat([Buffer.from(`sk = "${nul.value.slice(0, 20)}`), Buffer.from([0]), Buffer.from(`${nul.value.slice(20).replaceAll('"', '')}"\n`)]);
  const cliOnly = ['not-utf8.auto.tfvars', 'binary.auto.tfvars'];
  const root = writeModule(files);
  const dir = path.join(root, 'module');
  const cli = await cliEveryFormat(S, [dir], { cwd: root, expectedCode: 1, outputFiles: true });
  const apiFiles = Object.fromEntries(Object.entries(files).filter(([f]) => !cliOnly.some((c) => f.endsWith(c))).map(([f, t]) => [f.slice('module/'.length), String(t)]));
  const viaApi = lintThroughApi(S, apiFiles);
  const notReported = (report, names) => names.filter((f) => !report.diagnostics.some((d) => d.rule === 'parse-error' && d.file.endsWith(f)));
  assert.deepEqual(notReported(cli.report, [...broken, ...cliOnly]), [], 'CLI: files without their parse-error');
  assert.deepEqual(notReported(viaApi.report, broken), [], 'API: files without their parse-error');
  assertNoLeaks([...cli.leaks, ...viaApi.leaks], S);
});

// ---------------------------------------------------------------------------------------------
// Plans: values in planned_values, resource_changes before/after, prior_state, configuration
// constant values, variables and outputs.

function planResource(address, type, name, values) {
  const marks = JSON.parse(JSON.stringify(values, (k, v) => (typeof v === 'string' || typeof v === 'number' ? true : v)));
  return { address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/vault', schema_version: 0, values, sensitive_values: marks };
}

function buildPlan(S, plants) {
  const planned = [];
  const child = [];
  const changes = [];
  const prior = [];
  const configured = [];
  const variables = {};
  const configVariables = {};
  let v = 0;
  const mount = planResource('vault_mount.keymgmt', 'vault_mount', 'keymgmt', { path: 'keymgmt', type: 'keymgmt' });
  planned.push(mount);
  for (const type of TYPES) {
    const base = (name) => ({ path: 'keymgmt', name: `${short(type)}-${name}`, ...(KEY_COLLECTION[type] && { key_collection: KEY_COLLECTION[type] }) });
    const resources = [
      [`${type}.plan_main`, 'plan_main', planned, (s) => s.value],
      [`${type}.plan_wrong`, 'plan_wrong', planned, (s) => [s.value]],
      [`module.child.${type}.plan_child`, 'plan_child', child, (s) => s.value],
      [`${type}.plan_each["first"]`, 'plan_each', planned, (s) => s.value],
    ];
    for (const [address, name, list, write] of resources) {
      const values = { ...base(name), ...fillSlots(type, { leaf: planter(S, type, address.replace(`${type}.`, ''), plants, { hardcoded: false, write }) }) };
      list.push({ ...planResource(address, type, name, values), ...(name === 'plan_each' && { index: 'first' }) });
      const before = { ...base(name), ...fillSlots(type, { leaf: planter(`${S} before`, type, name, [], { write: (s) => s.value }) }) };
      const resource = planResource(address, type, name, before);
      prior.push(resource);
      changes.push({
        address,
        mode: 'managed',
        type,
        name,
        ...(address.startsWith('module.') && { module_address: 'module.child' }),
        provider_name: 'registry.terraform.io/hashicorp/vault',
        change: { actions: ['update'], before, after: values, after_unknown: {}, before_sensitive: resource.sensitive_values, after_sensitive: planResource('', '', '', values).sensitive_values },
      });
    }
    // The configuration: constant values and references to variables that hold secrets.
    const expressions = {};
    for (const slot of topLevel(type)) {
      if (v++ % 2 === 0) {
        const s = secret(`${S}: configuration ${type}.plan_main ${slot.path[0]} constant_value`, flavourOf(type, slot));
        expressions[slot.path[0]] = { constant_value: isMap(slot) ? { [childrenOf(type, slot)[0]?.path.at(-1) ?? 'x']: s.value } : s.value };
      } else {
        const name = `plan_var_${v}`;
        variables[name] = { value: secret(`${S}: variables.${name} (for ${type} ${slot.path[0]})`, flavourOf(type, slot)).value };
        configVariables[name] = { sensitive: true };
        expressions[slot.path[0]] = { references: [`var.${name}`] };
      }
    }
    expressions.path = { references: ['vault_mount.keymgmt.path', 'vault_mount.keymgmt'] };
    configured.push({ address: `${type}.plan_main`, mode: 'managed', type, name: 'plan_main', provider_config_key: 'vault', expressions, schema_version: 0 });
  }
  const output = secret(`${S}: outputs.leaked`);
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    variables,
    planned_values: {
      outputs: { leaked: { sensitive: true, value: output.value } },
      root_module: { resources: planned, child_modules: [{ address: 'module.child', resources: child }] },
    },
    resource_changes: changes,
    output_changes: { leaked: { actions: ['update'], before: output.value, after: output.value, after_unknown: false, before_sensitive: true, after_sensitive: true } },
    prior_state: { format_version: '1.0', terraform_version: '1.9.5', values: { root_module: { resources: prior } } },
    configuration: {
      provider_config: { vault: { name: 'vault', full_name: 'registry.terraform.io/hashicorp/vault' } },
      root_module: {
        outputs: { leaked: { sensitive: true, expression: { constant_value: output.value } } },
        resources: configured,
        variables: configVariables,
        module_calls: { child: { source: './child', module: { resources: [] } } },
      },
    },
  };
}

test('secrets in a plan JSON (planned_values, resource_changes before/after, prior_state, configuration, variables, outputs) never reach any output', async () => {
  const S = 'plan';
  const plants = [];
  const text = JSON.stringify(buildPlan(S, plants), null, 2);
  const root = writeModule({ 'plan.json': text });
  const fromFile = await cliEveryFormat(S, ['--plan', 'plan.json'], { cwd: root, expectedCode: 1, outputFiles: true });
  const fromStdin = await cliEveryFormat(`${S} (stdin)`, ['--plan', '-'], { cwd: root, input: text, expectedCode: 1 });
  const report = api.lintPlan(text);
  const leaks = [...fromFile.leaks, ...fromStdin.leaks, ...apiOutputs(`${S} lintPlan`, report, { files: ['plan.json'] })];
  leaks.push(...apiOutputs(`${S} lintPlan with a path`, api.lintPlan(text, { rules: { 'hardcoded-secret': 'error' } }, 'infra/plan.json')));
  for (const [via, r] of [['CLI', fromFile.report], ['CLI stdin', fromStdin.report], ['API', report]]) {
    assert.ok(r, `${via}: a report`);
    for (const p of plants.filter((p) => p.resource.endsWith('.plan_wrong'))) assertReported(r, 'invalid-value', p.resource, dotted(p.path), `${S} (${via})`);
    assert.ok(r.diagnostics.some((d) => (d.resource ?? '').startsWith('module.child.')), `${via}: diagnostics on the child module's resources`);
  }
  assertNoLeaks(leaks, S);
});

test('a malformed plan holding secrets is reported without them (CLI exit 2, lintPlan parse-error)', async (t) => {
  const S = 'malformed plan';
  const cases = {
    'unterminated string at the secret': (s) => `{"variables": {"sk": {"value": ${JSON.stringify(s.value).slice(0, -1)}`,
    'invalid escape in the secret': (s) => `{"variables": {"sk": {"value": ${JSON.stringify(s.value).slice(0, -1)}\\q"}}, "planned_values": {}}`,
    'trailing comma after the secret': (s) => `{"variables": {"sk": {"value": ${JSON.stringify(s.value)},}}, "planned_values": {}}`,
    'the secret as a bare token': (s) => `{"variables": {"sk": {"value": ${s.value}}}, "planned_values": {}}`,
    'two values': (s) => `{"planned_values": {}} ${JSON.stringify(s.value)}`,
    'not a plan': (s) => JSON.stringify({ variables: { sk: { value: s.value } } }),
    'not an object': (s) => JSON.stringify([s.value]),
    'planned_values is the secret': (s) => JSON.stringify({ planned_values: s.value }),
    'root_module is the secret': (s) => JSON.stringify({ planned_values: { root_module: s.value } }),
    'resources is the secret': (s) => JSON.stringify({ planned_values: { root_module: { resources: s.value } } }),
    'a resource is the secret': (s) => JSON.stringify({ planned_values: { root_module: { resources: [s.value] } } }),
    'values is the secret': (s) => JSON.stringify({ planned_values: { root_module: { resources: [{ address: 'vault_keymgmt_aws_kms.a', mode: 'managed', type: 'vault_keymgmt_aws_kms', name: 'a', values: s.value }] } } }),
    'a resource change is the secret': (s) => JSON.stringify({ planned_values: {}, resource_changes: [s.value] }),
    'after_unknown is the secret': (s) => JSON.stringify({ planned_values: {}, resource_changes: [{ address: 'a.b', change: { after_unknown: s.value } }] }),
    'configuration root_module is the secret': (s) => JSON.stringify({ planned_values: {}, configuration: { root_module: s.value } }),
    'expressions is the secret': (s) => JSON.stringify({ planned_values: {}, configuration: { root_module: { resources: [{ address: 'a.b', expressions: s.value }] } } }),
    'references is the secret': (s) => JSON.stringify({ planned_values: {}, configuration: { root_module: { resources: [{ address: 'a.b', expressions: { x: { references: s.value } } }] } } }),
    'a secret address': (s) => JSON.stringify({ planned_values: { root_module: { resources: [{ address: s.value, mode: 'managed', type: 'vault_keymgmt_aws_kms', name: 'a', index: s.value, values: {} }] } } }),
  };
  const prepared = Object.entries(cases).map(([name, make]) => {
    const s = secret(`${S}: ${name}`, name.includes('bare') ? 'ident' : undefined);
    const text = make(s);
    return { name, s, text, root: writeModule({ 'plan.json': text }) };
  });
  // The CLI refuses an unreadable plan before any formatting, and a readable one gives a report
  // that the plan test above renders in every format: JSON is enough here.
  const CLI_FORMATS = ['json'];
  const runs = await pool(prepared.flatMap(({ root }) => CLI_FORMATS.map((format) => () => runCli(['--format', format, '--plan', 'plan.json'], { cwd: root }))));
  for (const [i, { name, s, text }] of prepared.entries()) {
    await t.test(name, () => {
      const leaks = [];
      CLI_FORMATS.forEach((format, j) => {
        const { code, stdout, stderr } = runs[i * CLI_FORMATS.length + j];
        assert.ok([0, 1, 2].includes(code), `exit ${code}`);
        assert.ok(stdout.length + stderr.length > 0, 'no output at all');
        if (code === 2) assert.match(stderr, /^keymgmt-lint: cannot read the plan\n/);
        leaks.push(...findLeaks(stdout, `${S} / ${name} / CLI --format ${format} (stdout)`, [s]), ...findLeaks(stderr, `${S} / ${name} / CLI --format ${format} (stderr)`, [s]));
      });
      const { thrown, text: errorMessage } = errorText(() => leaks.push(...apiOutputs(`${S} / ${name}`, api.lintPlan(text), { files: ['plan.json'] })));
      leaks.push(...findLeaks(errorMessage, `${S} / ${name} / lintPlan threw ${thrown?.name}`, [s]));
      assertNoLeaks(leaks, `${S}: ${name}`);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Leaks found by this audit, each in its own test so that each shows as its own failure.

test('a secret written without quotes (a bare word the linter reads as a reference) is not echoed', async () => {
  const S = 'bare word';
  const plants = [];
  let main = MOUNT;
  // Bare words are identifiers (as AWS access key ids are); `a/b` would be two of them.
  const flavour = (slot) => (slot.path.at(-1) === 'access_key' ? 'akia' : 'ident');
  for (const type of TYPES) {
    const leaf = planter(S, type, 'bare', plants, { hardcoded: false, flavour, write: (s) => raw(s.value) });
    main += block('resource', [type, 'bare'], { ...baseArgs(type, 'bare'), ...fillSlots(type, { leaf }) });
  }
  const result = await audit(S, { files: { 'module/main.tf': main } });
  onBoth(result, (report, via) => {
    assert.ok(report.diagnostics.filter((d) => d.rule === 'unresolved-reference').length >= plants.length, `${via}: unresolved-reference for each bare word`);
  });
  assertNoLeaks(result.leaks, S);
});

test('values of variables marked `sensitive = true` are not echoed when they land in non-sensitive arguments', async () => {
  const S = 'sensitive variable';
  let main = MOUNT;
  let declarations = '';
  const values = {};
  for (const type of TYPES) {
    const kc = secret(`${S}: var.kc_${short(type)} (key_collection of ${type}.sensitive_vars)`);
    const ns = secret(`${S}: var.ns_${short(type)} (namespace of ${type}.sensitive_vars)`);
    declarations += block('variable', [`kc_${short(type)}`], { type: expr('string'), sensitive: true });
    declarations += block('variable', [`ns_${short(type)}`], { type: expr('string'), sensitive: true, default: `/${ns.value}/` });
    values[`kc_${short(type)}`] = kc.value;
    main += block('resource', [type, 'sensitive_vars'], { ...baseArgs(type, 'sensitive_vars'), key_collection: expr(`var.kc_${short(type)}`), namespace: expr(`var.ns_${short(type)}`) });
  }
  const keyType = secret(`${S}: var.key_type (type of vault_keymgmt_key.sensitive_vars)`);
  declarations += block('variable', ['key_type'], { sensitive: true });
  values.key_type = keyType.value;
  main += block('resource', ['vault_keymgmt_key', 'sensitive_vars'], { path: expr('vault_mount.keymgmt.path'), name: 'k', type: expr('var.key_type') });
  const files = { 'module/main.tf': main, 'module/variables.tf': declarations, 'module/terraform.tfvars': tfvars(values) };
  const result = await audit(S, { files });
  onBoth(result, (report, via) => {
    assertReported(report, 'invalid-value', 'vault_keymgmt_key.sensitive_vars', 'type', `${S} (${via})`);
    for (const type of TYPES) assertReported(report, 'namespace-format', `${type}.sensitive_vars`, 'namespace', `${S} (${via})`);
    assert.ok(report.diagnostics.some((d) => d.rule === 'key-collection-format'), `${via}: key-collection-format`);
  });
  assertNoLeaks(result.leaks, S);
});

test('secrets that reach ordinary arguments through references, locals, sensitive() and a plan\'s marks are not echoed', async () => {
  const S = 'followed';
  const secretKey = secret(`${S}: vault_keymgmt_aws_kms.src.secret_key read by other arguments`, 'ident');
  const credential = secret(`${S}: vault_keymgmt_aws_kms.src.credentials.secret_key read through a local`, 'ident');
  const wrapped = secret(`${S}: sensitive() around a key_name`, 'ident');
  const mountPath = secret(`${S}: a sensitive variable as mount path`, 'ident');
  let main = MOUNT;
  main += block('variable', ['mount_path'], { sensitive: true, default: mountPath.value });
  main += block('resource', ['vault_keymgmt_aws_kms', 'src'], { ...baseArgs('vault_keymgmt_aws_kms', 'src'), access_key: 'AKIA', secret_key: secretKey.value });
  main += block('resource', ['vault_keymgmt_aws_kms', 'map'], { ...baseArgs('vault_keymgmt_aws_kms', 'map'), credentials: { access_key: 'AKIA', secret_key: credential.value } });
  main += block('locals', [], { from_map: expr('vault_keymgmt_aws_kms.map.credentials.secret_key') });
  main += block('resource', ['vault_keymgmt_aws_kms', 'reader'], { path: expr('vault_mount.keymgmt.path'), name: 'reader', key_collection: expr('vault_keymgmt_aws_kms.src.secret_key'), namespace: expr('"/${vault_keymgmt_aws_kms.src.secret_key}/"') });
  main += block('resource', ['vault_keymgmt_key', 'k'], { path: expr('var.mount_path'), name: 'k', type: expr('local.from_map') });
  main += block('resource', ['vault_keymgmt_distribute_key', 'd'], { path: expr('vault_mount.keymgmt.path'), kms_name: expr('vault_keymgmt_aws_kms.reader.name'), key_name: expr(`sensitive(${JSON.stringify(wrapped.value)})`), purpose: ['encrypt'] });
  const result = await audit(S, { files: { 'module/main.tf': main } });
  onBoth(result, (report, via) => {
    for (const rule of ['key-collection-format', 'namespace-format', 'invalid-value', 'unknown-key']) {
      assert.ok(report.diagnostics.some((d) => d.rule === rule), `${S} (${via}): ${rule}`);
    }
  });
  assertNoLeaks(result.leaks, S);

  // A plan marks ordinary attributes sensitive where their values came from sensitive ones.
  const name = secret(`${S}: a plan's sensitive_values on name`, 'ident');
  const collection = secret(`${S}: a plan's after_sensitive on key_collection`, 'ident');
  const aws = planResource('vault_keymgmt_aws_kms.aws', 'vault_keymgmt_aws_kms', 'aws', { path: 'keymgmt', name: name.value, key_collection: collection.value });
  aws.sensitive_values = { name: true };
  const plan = {
    format_version: '1.2',
    planned_values: { root_module: { resources: [planResource('vault_mount.keymgmt', 'vault_mount', 'keymgmt', { path: 'keymgmt', type: 'keymgmt' }), aws] } },
    resource_changes: [{ address: 'vault_keymgmt_aws_kms.aws', change: { actions: ['create'], after_sensitive: { key_collection: true } } }],
  };
  const text = JSON.stringify(plan);
  const root = writeModule({ 'plan.json': text });
  const fromPlan = await cliEveryFormat(`${S} plan`, ['--plan', 'plan.json'], { cwd: root, expectedCode: 1, outputFiles: true });
  assert.ok(fromPlan.report.diagnostics.some((d) => d.rule === 'key-collection-format'), `${S} plan: key-collection-format`);
  assertNoLeaks([...fromPlan.leaks, ...apiOutputs(`${S} lintPlan`, api.lintPlan(text), { files: ['plan.json'] })], `${S} plan`);
});

test('every rule\'s bad fixtures, each string literal read through a sensitive variable, show it in no format (generated from rules())', (t) => {
  const S = 'generated';
  const FIXTURES = path.join(PKG, '..', 'tests', 'fixtures');
  if (!existsSync(FIXTURES)) return t.skip('the repository\'s fixtures are not beside the package');
  const leaks = [];
  const quoting = new Set();
  let cases = 0;
  for (const rule of api.rules()) {
    const dir = path.join(FIXTURES, rule.id);
    const files = readdirSync(dir).filter((f) => f.startsWith('bad') && f.endsWith('.tf'));
    assert.ok(files.length > 0, `${rule.id} has a bad fixture`);
    for (const file of files) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      // String literals where a value stands (after `=`, `[` or `,`), never block labels.
      const argument = /([=[,]\s*)"([^"\\$%\n]*)"/g;
      const literals = new Set([...text.matchAll(argument)].map((m) => m[2]));
      for (const literal of literals) {
        const s = secret(`${S}: ${rule.id}/${file} "${literal}" through var.planted`, 'ident');
        const planted = text.replace(argument, (m, before, value) => (value === literal ? `${before}var.planted` : m));
        const module = (sensitive) => [
          { path: 'main.tf', text: planted },
          { path: 'planted.tf', text: `variable "planted" {\n  sensitive = ${sensitive}\n  default   = ${JSON.stringify(s.value)}\n}\n` },
        ];
        // The plain twin shows whether the rule quotes this value at all.
        for (const d of api.lint(module(false)).diagnostics) if (JSON.stringify(d).includes(s.value)) quoting.add(d.rule);
        const sources = module(true);
        leaks.push(...apiOutputs(`${S} ${rule.id}/${file} "${literal}"`, api.lint(sources), { files: ['main.tf', 'planted.tf'], graphOf: [sources] }));
        cases++;
      }
    }
  }
  t.diagnostic(`${cases} cases; rules whose diagnostics quoted the plain value: ${[...quoting].sort().join(', ')}`);
  for (const rule of ['invalid-value', 'unknown-key', 'unknown-kms', 'mount-mismatch', 'duplicate-name', 'key-collection-format', 'replica-region-invalid']) {
    assert.ok(quoting.has(rule), `${rule} quoted a plain value`);
  }
  assertNoLeaks(leaks, S);
});

// ---------------------------------------------------------------------------------------------
// Error paths of the JS API: invalid arguments and options around secrets, malformed input, a
// panic in the core. Each case is its own subtest.

/** A small module with secrets in a literal, a map and a tfvars file. */
function smallModule(S) {
  const sk = secret(`${S}: main.tf secret_key`);
  const ak = secret(`${S}: main.tf credentials.access_key`, 'akia');
  const tv = secret(`${S}: terraform.tfvars sk`);
  const main = MOUNT + block('variable', ['sk'], { sensitive: true }) + block('resource', ['vault_keymgmt_aws_kms', 'a'], { ...baseArgs('vault_keymgmt_aws_kms', 'a'), secret_key: sk.value, access_key: expr('var.sk'), credentials: { access_key: ak.value } });
  return { files: [{ path: 'main.tf', text: main }, { path: 'terraform.tfvars', text: tfvars({ sk: tv.value }) }], secrets: [sk, ak, tv] };
}

test('errors thrown by the JS API never contain a secret from their arguments', async (t) => {
  const S = 'API error';
  const { files, secrets: inFiles } = smallModule(S);
  const fileText = files[0].text;
  const plan = JSON.stringify(buildPlan(`${S} plan`, []));
  const cases = [
    ['lint(text) — the file text instead of [{ path, text }]', (s) => api.lint(fileText)],
    ['lint({ path, text }) — one file, not an array', () => api.lint(files[0])],
    ['lint([{ path, text: Buffer }]) — bytes instead of text', () => api.lint([{ path: 'main.tf', text: Buffer.from(fileText) }])],
    ['lint([{ path, text: [secret] }])', (s) => api.lint([{ path: 'main.tf', text: [s.value] }])],
    ['lint([{ path, text, extra: secret }])', (s) => api.lint([{ path: 'main.tf', text: fileText, token: s.value }])],
    ['lint(files, { variables: secret }) — a string where the variables map belongs', (s) => api.lint(files, { variables: s.value })],
    ['lint(files, secret) — options as a string', (s) => api.lint(files, s.value)],
    ['lint(files, [secret]) — options as a list', (s) => api.lint(files, [s.value])],
    ['lint(files, { variables: { sk: secret }, unknownOption })', (s) => api.lint(files, { variables: { sk: s.value }, secretKey: 1 })],
    ['lint(files, { variables: { sk: secret }, rules: { unknown id } })', (s) => api.lint(files, { variables: { sk: s.value }, rules: { 'hardcoded-secrett': 'on' } })],
    ['lint(files, { variables: { sk: secret }, rules: { id: invalid setting } })', (s) => api.lint(files, { variables: { sk: s.value }, rules: { 'hardcoded-secret': 'loud' } })],
    ['lint(files, { variables: { sk: secret }, only: unknown id })', (s) => api.lint(files, { variables: { sk: s.value }, only: ['hardcoded-secrett'] })],
    ['lint(files, { variables: { sk: secret }, providers: wrong shape })', (s) => api.lint(files, { variables: { sk: s.value }, providers: { aws: 'premium' } })],
    ['lint(files, { variables: { sk: secret }, __testPanic }) — a panic in the core', (s) => api.lint(files, { variables: { sk: s.value }, __testPanic: true })],
    ['graph(files, { variables: secret })', (s) => api.graph(files, { variables: s.value })],
    ['lintPlan(plan, { variables: secret })', (s) => api.lintPlan(plan, { variables: s.value })],
    ['lintPlan(plan, secret) — options as a string', (s) => api.lintPlan(plan, s.value)],
    ['lintPlan(plan object) — parsed JSON instead of text', () => api.lintPlan(JSON.parse(plan))],
    ['lintPlan(Buffer) — bytes instead of text', () => api.lintPlan(Buffer.from(plan))],
    ['lintPlan(plan, { __testPanic }) — a panic in the core', () => api.lintPlan(plan, { __testPanic: true })],
    ['readConfig — syntax error on the line of the secret', (s) => api.readConfig(`{\n  "variables": {\n    "sk": ${JSON.stringify(s.value).slice(0, -1)}\\q"\n  }\n}\n`, '.keymgmt-lint.json')],
    ['readConfig — unterminated secret', (s) => api.readConfig(`{"variables": {"sk": ${JSON.stringify(s.value).slice(0, -1)}`, '.keymgmt-lint.json')],
    ['readConfig — variables is the secret', (s) => api.readConfig(JSON.stringify({ variables: s.value }), '.keymgmt-lint.json')],
    ['readConfig — an unknown setting next to a secret', (s) => api.readConfig(JSON.stringify({ variables: { sk: s.value }, colour: true }), '.keymgmt-lint.json')],
    ['readConfig — a secret as a rule setting', (s) => api.readConfig(JSON.stringify({ variables: { sk: 'x' }, rules: { 'hardcoded-secret': s.value } }), '.keymgmt-lint.json')],
    ['readConfig — a secret as a provider setting', (s) => api.readConfig(JSON.stringify({ providers: { aws: { sku: s.value } } }), '.keymgmt-lint.json')],
    ['readConfig — a secret as the ignore list', (s) => api.readConfig(JSON.stringify({ ignore: s.value }), '.keymgmt-lint.json')],
    ['readConfig(object) — parsed JSON instead of text', (s) => api.readConfig({ variables: { sk: s.value } }, '.keymgmt-lint.json')],
    ['format(report, unknown format)', () => api.format(api.lint(files), 'sarif2')],
    ['format(report, name, unknown option)', () => api.format(api.lint(files), 'junit', { colour: true })],
  ];
  for (const [name, call] of cases) {
    await t.test(name, () => {
      const s = secret(`${S}: ${name}`);
      const { thrown, text } = errorText(() => call(s));
      const leaks = findLeaks(text, `${S} / ${name} / ${thrown?.name ?? 'no error'}`, [s, ...inFiles]);
      // A call that returns (e.g. a report) must not leak either.
      if (!thrown) {
        let value;
        try {
          value = call(s);
        } catch {
          // Already covered.
        }
        if (value?.diagnostics) leaks.push(...apiOutputs(`${S} / ${name}`, value));
        else leaks.push(...findLeaks(inspect(value, { depth: Infinity }), `${S} / ${name} / the value returned`, [s, ...inFiles]));
      }
      assertNoLeaks(leaks, `${S}: ${name}`);
    });
  }
  // The core still works after the panics and traps above.
  assert.ok(api.lint(files).diagnostics.some((d) => d.rule === 'hardcoded-secret'));
});

// ---------------------------------------------------------------------------------------------
// Error paths of the CLI.

test('CLI errors (bad --var, --var-file, --config, --output-file, a panic) never contain a secret', async (t) => {
  const S = 'CLI error';
  const { files, secrets: inFiles } = smallModule(S);
  const root = writeModule({ 'module/main.tf': files[0].text, 'module/terraform.tfvars': files[1].text });
  const dir = path.join(root, 'module');
  const write = (name, content) => {
    writeFileSync(path.join(root, name), content);
    return path.join(root, name);
  };
  const cases = [
    ['--var NAME without =', (s) => ['--var', `sk${s.value}`, dir]],
    ['--var with an invalid name', (s) => ['--var', `1sk=${s.value}`, dir]],
    ['--var with an empty name', (s) => ['--var', `=${s.value}`, dir]],
    ['--var with a valid name and a list value', (s) => ['--var', `sk=${JSON.stringify([s.value])}`, dir]],
    ['--var followed by an unknown --rule', (s) => ['--var', `sk=${s.value}`, '--rule', 'hardcoded-secrett', dir]],
    ['--var followed by an unknown option', (s) => ['--var', `sk=${s.value}`, '--colour', dir]],
    ['--var-file with a parse error on the secret line', (s) => ['--var-file', write('broken.tfvars', `sk = ${hclQuoted(s.value).slice(0, -1)}\n`), dir]],
    ['--var-file .tfvars.json with a trailing comma', (s) => ['--var-file', write('broken.tfvars.json', `{"sk": ${JSON.stringify(s.value)},}`), dir]],
    ['--var-file that is not a Terraform file', (s) => ['--var-file', write('secrets.txt', `sk = ${hclQuoted(s.value)}\n`), dir]],
    ['--var-file that is not UTF-8', (s) => ['--var-file', write('latin1.tfvars', Buffer.concat([Buffer.from(`sk = "${s.value.slice(0, 20)}`), Buffer.from([0xe9]), Buffer.from(`${s.value.slice(20).replaceAll('"', '')}"\n`)])), dir]],
    ['--var-file that is binary', (s) => ['--var-file', write('binary.tfvars', Buffer.concat([Buffer.from(`sk = "${s.value.slice(0, 20)}`), Buffer.from([0]), Buffer.from(`${s.value.slice(20).replaceAll('"', '')}"\n`)])), dir]],
    ['--var-file that is a directory', () => ['--var-file', root, dir]],
    ['--var-file that does not exist', () => ['--var-file', path.join(root, 'missing.tfvars'), dir]],
    ['--var-file with a wrong-typed secret', (s) => ['--var-file', write('list.tfvars', `sk = [${hclQuoted(s.value)}]\n`), dir]],
    ['--config with a syntax error on the secret line', (s) => ['--config', write('bad1.json', `{\n  "variables": {\n    "sk": ${JSON.stringify(s.value).slice(0, -1)}\\q"\n  }\n}\n`), dir]],
    ['--config with an unterminated secret', (s) => ['--config', write('bad2.json', `{"variables": {"sk": ${JSON.stringify(s.value).slice(0, -1)}`), dir]],
    ['--config whose variables is the secret', (s) => ['--config', write('bad3.json', JSON.stringify({ variables: s.value })), dir]],
    ['--config with an unknown setting next to a secret', (s) => ['--config', write('bad4.json', JSON.stringify({ variables: { sk: s.value }, colour: true })), dir]],
    ['--config with a secret as a rule setting', (s) => ['--config', write('bad5.json', JSON.stringify({ rules: { 'hardcoded-secret': s.value } })), dir]],
    ['--config with a wrong-typed secret variable', (s) => ['--config', write('list.json', JSON.stringify({ variables: { sk: [s.value] } })), dir]],
    // Missing folders are made: below a regular file, none can be.
    ['--output-file that cannot be written', () => ['--format', 'sarif', '--output-file', path.join(write('plain-file', ''), 'sub', 'out.sarif'), dir]],
    ['--plan that does not exist', () => ['--plan', path.join(root, 'missing-plan.json')]],
    ['a panic in the core (KEYMGMT_LINT_TEST_PANIC)', () => [dir], { KEYMGMT_LINT_TEST_PANIC: '1' }],
  ];
  // Usage errors come before any formatting, and reports are rendered in every format by the tests
  // above: JSON, which is never empty, is enough here.
  const CLI_FORMATS = ['json'];
  const prepared = cases.map(([name, makeArgs, env]) => {
    const s = secret(`${S}: ${name}`);
    return { name, s, args: makeArgs(s), env };
  });
  const runs = await pool(prepared.flatMap(({ args, env }) => CLI_FORMATS.map((format) => () => runCli(['--format', format, ...args], { cwd: root, env }))));
  for (const [i, { name, s }] of prepared.entries()) {
    await t.test(name, () => {
      const leaks = [];
      CLI_FORMATS.forEach((format, j) => {
        const { stdout, stderr } = runs[i * CLI_FORMATS.length + j];
        const where = `${S} / ${name} / --format ${format}`;
        // Something was said: a report or an error.
        assert.ok(stdout.length + stderr.length > 0, `${where}: no output at all`);
        leaks.push(...findLeaks(stdout, `${where} (stdout)`, [s, ...inFiles]), ...findLeaks(stderr, `${where} (stderr)`, [s, ...inFiles]));
      });
      assertNoLeaks(leaks, `${S}: ${name}`);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The detector itself: it finds a secret however each format escapes it.

test('the leak detector finds a planted secret in every format, however the format escapes it', () => {
  for (const flavour of ['text', 'akia', 'pem', 'gcp-json', 'number', 'ident']) {
    const s = secret(`detector self-test (${flavour})`, flavour);
    const message = `\`vault_keymgmt_aws_kms.a\` is ${JSON.stringify(s.value)} and ${s.value}`;
    const position = { line: 1, column: 1, offset: 0 };
    const report = {
      diagnostics: [{ rule: 'invalid-value', severity: 'error', message, file: 'main.tf', range: { start: position, end: position }, help: s.value, related: [], resource: 'vault_keymgmt_aws_kms.a' }],
      summary: { errors: 1, warnings: 0, infos: 0, files: 1, resources: 1 },
    };
    for (const format of FORMATS) {
      for (const text of [api.format(report, format), api.format(report, format, format === 'stylish' ? { color: true } : {})]) {
        assert.equal(findLeaks(text, format, [s]).length, 1, `${flavour} in ${format}`);
      }
    }
    // Only the message, in each of its escaped forms, and a truncated value.
    for (const [form, needle] of s.needles) assert.equal(findLeaks(`x ${needle} y`, form, [s]).length, 1, `${flavour}: ${form}`);
    SECRETS.splice(SECRETS.indexOf(s), 1);
  }
});

test('what the audit planted', (t) => {
  const bySituation = new Map();
  for (const s of SECRETS) {
    const situation = s.label.split(':')[0];
    bySituation.set(situation, (bySituation.get(situation) ?? 0) + 1);
  }
  const slots = TYPES.map((type) => `${type}: ${SLOTS[type].filter((s) => s.own).length} marked sensitive, ${SLOTS[type].filter((s) => !s.own).length} inside a sensitive map`);
  t.diagnostic(`sensitive slots from the schemas: ${slots.join('; ')}`);
  t.diagnostic(`${SECRETS.length} unique secrets planted: ${[...bySituation].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  assert.ok(SECRETS.length > 100);
});
