// Runs the hostile inputs of docs/robustness.md ("Bounds after parsing") through the real CLI, each in a fresh temp directory, and
// prints what each one costs: wall time, peak RSS, exit code, the first line of stderr and the
// number of diagnostics. Figures only, no thresholds: a row that hangs or blows up IS the figure.
//
//   node bench/cli/hostile.mjs                      → every input at the issue's sizes (~20 minutes)
//   node bench/cli/hostile.mjs --scale 0.01         → every size multiplied by 0.01, a quick run
//   node bench/cli/hostile.mjs --only plan --only config --timeout 60
//
// --only NAME   run the inputs whose name contains NAME (repeatable)
// --timeout S   per input, default 30; then the child is killed with SIGKILL
// --scale F     multiply every size (counts, bytes, depths; a 2^N size through N) by F
// --max-rss M   kill a child whose RSS passes M MiB (default 8192; 0 for no cap), see run()
//
// The table goes to stdout, progress (with each input's generation time) to stderr.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  closeSync, createWriteStream, fstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync,
  rmSync, statSync, symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const RSS = fileURLToPath(new URL('rss.mjs', import.meta.url));

const { values: opts } = parseArgs({
  options: {
    only: { type: 'string', multiple: true, default: [] },
    timeout: { type: 'string', default: '30' },
    scale: { type: 'string', default: '1' },
    'max-rss': { type: 'string', default: '8192' },
  },
});
const TIMEOUT_S = Number(opts.timeout);
const SCALE = Number(opts.scale);
const MAX_RSS_MIB = Number(opts['max-rss']);
if (!(TIMEOUT_S > 0) || !(SCALE > 0) || !(MAX_RSS_MIB >= 0)) {
  console.error('usage: node bench/cli/hostile.mjs [--only NAME]... [--timeout S] [--scale F] [--max-rss MiB]');
  process.exit(2);
}

// ---- Sizes and text ----------------------------------------------------------------------------

const n = (x) => Math.max(1, Math.round(x * SCALE));
// A size of 2^L scales through its exponent: 2^L × F = 2^(L + log2 F).
const doublings = (l) => Math.max(1, l + Math.round(Math.log2(SCALE)));
const fmt = (x) => x.toLocaleString('en-US');
const bytes = (b) => (b < 1 << 20 ? `${(b / 1024).toFixed(1)} KiB` : `${(b / 2 ** 20).toFixed(1)} MiB`);
const times = (count, fn) => Array.from({ length: count }, (_, i) => fn(i));

const MOUNT = 'resource "vault_mount" "keymgmt" {\n  path = "keymgmt"\n  type = "keymgmt"\n}\n';
const resource = (type, label, args) =>
  `resource "${type}" "${label}" {\n${Object.entries(args).map(([k, v]) => `  ${k} = ${v}\n`).join('')}}\n`;
const key = (label, args = {}) =>
  resource('vault_keymgmt_key', label, { path: '"keymgmt"', name: `"${label}"`, type: '"aes256-gcm96"', ...args });
const dist = (label, args) =>
  resource('vault_keymgmt_distribute_key', label, { path: '"keymgmt"', ...args, purpose: args.purpose ?? '["encrypt"]' });
const nested = (depth, inner) => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
// The same key in JSON syntax, reading `expr`.
const jsonKey = (expr) => {
  const k = { path: 'keymgmt', name: 'k', type: 'aes256-gcm96', replica_regions: expr };
  return `"resource": {"vault_keymgmt_key": {"k": ${JSON.stringify(k)}}}`;
};
// A chain of locals l0 → l1 → … → l<count>: each `value('local.l<i+1>')`, the last `last`.
const chain = (count, value, last) =>
  ['locals {\n', ...times(count, (i) => `  l${i} = ${value(`local.l${i + 1}`)}\n`), `  l${count} = ${last}\n}\n`];

// Streams `parts` (any iterable of strings, a generator for the big ones) in ~1 MiB writes that
// respect back-pressure, so a 30 MB file takes a fraction of a second and never sits in memory.
async function write(file, parts) {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  let chunk = [];
  let length = 0;
  for (const part of parts) {
    chunk.push(part);
    length += part.length;
    if (length >= 1 << 20) {
      if (!out.write(chunk.join(''))) await once(out, 'drain');
      chunk = [];
      length = 0;
    }
  }
  out.end(chunk.join(''));
  await finished(out);
}

// ---- The inputs --------------------------------------------------------------------------------
// Each builder returns { size, files, args, setup }: the size column; the files to write, path
// (relative to the CLI's working directory; the module is `m/` unless stated) → parts; the CLI's
// arguments (default `m`; `--format json` is always added); anything else to set up. Builders run
// only when their input's turn comes, so that a failure is that row's and memory is freed.

// The issue's "30 locals" double 30 times: l0 … l29 each `${next}${next}`, then l30 = "x".
function stringDoubling() {
  const l = doublings(30);
  const main = [...chain(l, (next) => `"\${${next}}\${${next}}"`, '"x"'), key('k', { name: 'local.l0' })];
  return { size: `${l} doubling locals → 2^${l} B string`, files: { 'm/main.tf': main } };
}

function listDoubling(where) {
  const l = doublings(60);
  const use = where === 'default'
    // Terraform refuses a local in a variable default; the issue has one, so does this, read by a key.
    ? ['variable "v" {\n  default = local.l0\n}\n', key('k', { replica_regions: 'var.v' })]
    : [key('k', { replica_regions: 'local.l0' })];
  const main = [...chain(l, (next) => `[${next}, ${next}]`, '"x"'), ...use];
  return { size: `${l} doubling locals → 2^${l} elements`, files: { 'm/main.tf': main } };
}

function jsonLocalsNested() {
  const count = n(500);
  const locals = times(count, (i) => `"l${i}": ${nested(16, `"\${local.l${i + 1}}"`)},\n`);
  const main = ['{"locals": {\n', ...locals, `"l${count}": "x"},\n`, jsonKey('${local.l0}'), '}\n'];
  return { size: `${fmt(count)} locals × 16 arrays`, files: { 'm/main.tf.json': main } };
}

// Native syntax has a nesting limit in its parser; JSON syntax is where depth gets through.
function deepDefault(where) {
  const depth = n(10000);
  const files = where === 'tf.json'
    ? { 'm/main.tf.json': [`{"variable": {"v": {"default": ${nested(depth, '"x"')}}},\n`, jsonKey('${var.v}'), '}\n'] }
    : { 'm/terraform.tfvars.json': [`{"v": ${nested(depth, '"x"')}}\n`],
      'm/main.tf': ['variable "v" {}\n', key('k', { replica_regions: 'var.v' })] };
  return { size: `${fmt(depth)} levels`, files };
}

function sensitiveChain() {
  const count = n(10000);
  const main = ['variable "s" {\n  sensitive = true\n  default   = "x"\n}\n', ...chain(count - 1, (next) => next, 'var.s'),
    resource('vault_keymgmt_aws_kms', 'a', { path: '"keymgmt"', name: '"a"', key_collection: 'local.l0' })];
  return { size: `${fmt(count)} locals`, files: { 'm/main.tf': main } };
}

// Did-you-mean for each miss against every declared name.
function unresolvedLocals() {
  const count = n(10000);
  const main = ['locals {\n', ...times(count, (i) => `  have_${i} = "x"\n`),
    ...times(count, (i) => `  use_${i} = local.missing_${i}\n`), '}\n'];
  return { size: `${fmt(count)} misses × ${fmt(count)} names`, files: { 'm/main.tf': main } };
}

// 6 files of 20,000 locals whose ~200-character names differ only at the end, and a reference to
// each with one letter changed. (The names stay 192 characters whatever --scale says: the shape.)
function unresolvedLongNames() {
  const count = n(20000);
  const name = (g, i) => `g${g}_${'x'.repeat(180)}_${String(i).padStart(8, '0')}`;
  const files = {};
  for (let g = 0; g < 6; g++) {
    files[`m/g${g}.tf`] = ['locals {\n', ...times(count, (i) => `  ${name(g, i)} = "x"\n`),
      ...times(count, (i) => `  use_${g}_${i} = local.${name(g, i).replace('x', 'y')}\n`), '}\n'];
  }
  return { size: `6 × ${fmt(count)} names of ~200 chars`, files };
}

function missingDistributionRefs(size) {
  const count = n(size);
  const main = [MOUNT, ...times(count, (i) => dist(`d_${i}`, {
    kms_name: `vault_keymgmt_aws_kms.missing_${i}.name`, key_name: `vault_keymgmt_key.missing_${i}.name` }))];
  return { size: `${fmt(count)} distributions`, files: { 'm/main.tf': main } };
}

function unknownKeyNames() {
  const count = n(10000);
  const main = [MOUNT,
    resource('vault_keymgmt_aws_kms', 'aws', { path: '"keymgmt"', name: '"aws"', key_collection: '"us-east-1"' }),
    ...times(count, (i) => key(`k_${i}`, { name: `"key-${i}"` })),
    ...times(count, (i) => dist(`d_${i}`, { kms_name: '"aws"', key_name: `"nokey-${i}"` }))];
  return { size: `${fmt(count)} distributions × ${fmt(count)} keys`, files: { 'm/main.tf': main } };
}

// One resource with `count` unknown arguments, each after an ignore comment if `ignored`.
function unknownArguments(size, ignored) {
  const count = n(size);
  const comment = ignored ? '  # keymgmt-lint:ignore unknown-argument -- test\n' : '';
  const main = ['resource "vault_keymgmt_key" "k" {\n  path = "keymgmt"\n  name = "k"\n',
    ...times(count, (i) => `${comment}  arg_${i} = "x"\n`), '}\n'];
  return { size: `${fmt(count)} arguments`, files: { 'm/main.tf': main } };
}

function ignoreCommentsInARow() {
  const count = n(160000);
  const main = [...times(count, () => '# keymgmt-lint:ignore unknown-argument\n'), key('k')];
  return { size: `${fmt(count)} comments`, files: { 'm/main.tf': main } };
}

function repeatedPurpose() {
  const count = n(50000);
  const purpose = `[${times(count, () => '"encrypt"').join(', ')}]`;
  const main = [dist('d', { kms_name: '"aws"', key_name: '"k"', purpose })];
  return { size: `${fmt(count)} elements`, files: { 'm/main.tf': main } };
}

function longIdentifier(where) {
  const id = 'a'.repeat(n(30e6));
  const main = { value: () => key('k', { name: id }), argument: () => key('k', { [id]: '"x"' }),
    label: () => key(id, { name: '"k"' }) }[where]();
  return { size: `${fmt(id.length)} chars`, files: { 'm/main.tf': [main] } };
}

// Evaluation of real Terraform: `count` and `for_each` past the instance limit, results that
// would outgrow their arguments, and `for` expressions nested inside one another.
function instancesAndFunctions(kind) {
  const count = n(1_000_000);
  const side = n(1000);
  const main = {
    count: () => key('k', { count: String(count), name: '"key-${count.index}"' }),
    'for-each': () => ['locals {\n',
      `  pairs = { for p in setproduct(range(${side}), range(${side})) : "\${p[0]}-\${p[1]}" => p }\n}\n`,
      key('k', { for_each: 'local.pairs', name: 'each.key' })],
    functions: () => ['locals {\n', `  r = range(1000)\n  big = setproduct(local.r, local.r, local.r)\n`,
      '  s = join("", local.r)\n  wide = replace(local.s, "", local.s)\n  many = range(1000000)\n}\n',
      key('k', { name: 'length(local.big)' })],
    'nested-for': () => ['locals {\n', `  l = ${'[for x in range(30) : '.repeat(5)}x${']'.repeat(5)}\n}\n`,
      key('k', { name: 'length(flatten(local.l))' })],
  }[kind]();
  return { size: kind === 'nested-for' ? '30^5 elements' : `${fmt(kind === 'for-each' ? side * side : count)}`, files: { 'm/main.tf': main } };
}

// Every module calls the next one twice, `levels` deep: 2^levels module instances unless bounded
// (100,000 instances, 16 levels).
function moduleFanOut() {
  const levels = n(20);
  const calls = (next) => `module "a" {\n  source = "${next}"\n}\nmodule "b" {\n  source = "${next}"\n}\n`;
  const files = { 'm/main.tf': [calls('./l0')] };
  for (let level = 0; level < levels; level++) {
    files[`m/l${level}/main.tf`] = [calls(`../l${level + 1}`), key('k')];
  }
  return { size: `2^${levels} instances`, files };
}

// The config's `ignore` globs are matched (picomatch) against each file's path relative to the
// config's directory: here `aaa…a/main.tf`, which the glob almost matches.
function globStars() {
  const dir = 'a'.repeat(n(40));
  return {
    size: `16 stars, ${dir.length}-char directory`,
    files: { '.keymgmt-lint.json': [JSON.stringify({ ignore: [`${'*a'.repeat(16)}*b`] })], [`${dir}/main.tf`]: [MOUNT] },
    args: [dir],
  };
}

// The references of a configuration resource are copied to each of its instances in the plan:
// `count` instances of `vault_keymgmt_distribute_key.d` whose configuration has `count` references.
function planReferences(size) {
  const count = n(size);
  const item = (type, name, values, index) => {
    const address = `${type}.${name}${index === undefined ? '' : `[${index}]`}`;
    return JSON.stringify({ address, mode: 'managed', type, name, index, values });
  };
  const resources = [
    item('vault_mount', 'keymgmt', { path: 'keymgmt', type: 'keymgmt' }),
    item('vault_keymgmt_aws_kms', 'aws', { path: 'keymgmt', name: 'aws', key_collection: 'us-east-1' }),
    ...times(count, (i) => item('vault_keymgmt_key', 'k', { path: 'keymgmt', name: `key-${i}`, type: 'aes256-gcm96' }, i)),
    ...times(count, (i) => item('vault_keymgmt_distribute_key', 'd',
      { path: 'keymgmt', kms_name: 'aws', key_name: `key-${i}`, purpose: ['encrypt'] }, i)),
  ];
  const config = { address: 'vault_keymgmt_distribute_key.d', mode: 'managed', type: 'vault_keymgmt_distribute_key', name: 'd',
    expressions: { key_name: { references: times(count, (i) => `vault_keymgmt_key.k[${i}]`) } } };
  const plan = ['{"format_version": "1.2", "planned_values": {"root_module": {"resources": [\n', resources.join(',\n'),
    ']}},\n"configuration": {"root_module": {"resources": [', JSON.stringify(config), ']}}}\n'];
  const label = `${fmt(count)} instances × ${fmt(count)} references`;
  return { size: label, files: { 'plan.json': plan }, args: ['--plan', 'plan.json'] };
}

// 14 files of many keys, each just under the 32 MiB per-file limit at scale 1.
function bigFiles() {
  const target = n(30e6);
  function* keys(f) {
    for (let i = 0, size = 0; size < target; i++) {
      const text = key(`k${f}_${i}`);
      size += text.length;
      yield text;
    }
  }
  return { size: `14 files of ${bytes(target)}`, files: Object.fromEntries(times(14, (f) => [`m/f${f}.tf`, keys(f)])) };
}

// A FIFO nobody writes to, or an endless device, where the CLI expects a file.
function special(kind, role) {
  const name = { module: 'm/x.tf', 'var-file': 'v.tfvars', config: 'c.json', plan: 'plan.json' }[role];
  return {
    size: kind === 'fifo' ? 'FIFO' : `/dev/${kind}`,
    files: { 'm/main.tf': [MOUNT] },
    args: { module: [name], 'var-file': ['--var-file', name, 'm'], config: ['--config', name, 'm'], plan: ['--plan', name] }[role],
    setup: (dir) => {
      const file = path.join(dir, name);
      if (kind === 'fifo') execFileSync('mkfifo', [file]);
      else symlinkSync(`/dev/${kind}`, file);
    },
  };
}

// The config file is found by walking up from the module, so it sits next to `m/`.
function configKeys(where) {
  const count = n(100000);
  const text = where === 'settings'
    ? `{${times(count, (i) => `"k${i}": 0`).join(',\n')}}\n`
    : `{"rules": {${times(count, (i) => `"no-such-rule-${i}": "off"`).join(',\n')}}}\n`;
  return { size: `${fmt(count)} unknown ${where === 'settings' ? 'keys' : 'rule ids'}`,
    files: { '.keymgmt-lint.json': [text], 'm/main.tf': [MOUNT] } };
}

const INPUTS = [
  ['01 string-doubling-locals', stringDoubling],
  ['02 list-doubling-locals-in-variable-default', () => listDoubling('default')],
  ['02 list-doubling-locals-in-resource', () => listDoubling('resource')],
  ['03 tf-json-locals-16-deep', jsonLocalsNested],
  ['04 deep-json-default-tf-json', () => deepDefault('tf.json')],
  ['04 deep-json-default-tfvars-json', () => deepDefault('tfvars.json')],
  ['05 sensitive-locals-chain', sensitiveChain],
  ['06 unresolved-locals', unresolvedLocals],
  ['06 unresolved-locals-long-names', unresolvedLongNames],
  ['07 distributions-missing-refs-2000', () => missingDistributionRefs(2000)],
  ['07 distributions-missing-refs-10000', () => missingDistributionRefs(10000)],
  ['08 distributions-unknown-key-names', unknownKeyNames],
  ...[50000, 100000, 1000000].map((size) => [`09 unknown-arguments-${size}`, () => unknownArguments(size, false)]),
  ...[40000, 80000].map((size) => [`10 ignored-findings-${size}`, () => unknownArguments(size, true)]),
  ...[40000, 80000].map((size) => [`10 not-ignored-findings-${size}`, () => unknownArguments(size, false)]),
  ['11 ignore-comments-in-a-row', ignoreCommentsInARow],
  ['12 purpose-repeated', repeatedPurpose],
  ...['value', 'argument-name', 'label'].map((where) => [`13 long-identifier-${where}`, () => longIdentifier(where.split('-')[0])]),
  ['14 config-ignore-glob-stars', globStars],
  ...[5000, 8000].map((size) => [`15 plan-references-${size}`, () => planReferences(size)]),
  ['16 fourteen-big-files', bigFiles],
  ...['fifo', 'zero', 'urandom'].flatMap((kind) =>
    ['module', 'var-file', 'config', 'plan'].map((role) => [`17 ${kind}-as-${role}`, () => special(kind, role)])),
  ['18 config-unknown-keys', () => configKeys('settings')],
  ['18 config-unknown-rule-ids', () => configKeys('rules')],
  ...['count', 'for-each', 'functions', 'nested-for'].map((kind) => [`19 evaluation-${kind}`, () => instancesAndFunctions(kind)]),
  ['20 module-fan-out', moduleFanOut],
].filter(([name]) => opts.only.length === 0 || opts.only.some((s) => name.includes(s)));

// ---- Running -----------------------------------------------------------------------------------

let current; // the running child, killed with us
const TEMP = mkdtempSync(path.join(tmpdir(), 'keymgmt-hostile-'));
const cleanUp = () => rmSync(TEMP, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    current?.kill('SIGKILL');
    cleanUp();
    process.exit(130);
  });
}

// VmRSS and VmHWM (the peak so far) of a process, in KiB, from /proc: Linux only.
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

// Through bench/cli/rss.mjs, which runs the CLI in its own process and prints `maxrss <KiB>` last on
// stderr: a spawned node, so start-up and compiling the core count, as for a user. Nothing bounds
// the child's memory by itself (--max-old-space-size leaves WebAssembly memory and Buffers out,
// RLIMIT_AS breaks WebAssembly's address-space reservations), so its RSS is sampled and it is
// killed past --max-rss: /dev/zero read as a file would otherwise take the machine's memory.
async function run(cwd, args, outFile, errFile) {
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  const start = performance.now();
  const child = spawn(process.execPath, [RSS, '--format', 'json', ...args], { cwd, stdio: ['ignore', out, err] });
  closeSync(out); // the child has its own copies
  closeSync(err);
  current = child;
  let killed;
  let hwm = 0;
  const kill = (why) => {
    killed ??= why;
    child.kill('SIGKILL');
  };
  const timer = setTimeout(() => kill('timeout'), TIMEOUT_S * 1000);
  const sampler = setInterval(() => {
    const now = memory(child.pid);
    hwm = Math.max(hwm, now.hwm);
    if (MAX_RSS_MIB > 0 && now.rss > MAX_RSS_MIB * 1024) kill('rss');
  }, 50);
  try {
    const [code, signal] = await once(child, 'exit');
    return { ms: performance.now() - start, exit: code ?? signal, killed, hwm };
  } finally {
    clearTimeout(timer);
    clearInterval(sampler);
    current = undefined;
  }
}

// The size and the first and last 4 KiB of a file that may be far too large to read whole.
function ends(file, n = 4096) {
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  const read = (at, buffer = Buffer.alloc(Math.min(n, size))) =>
    buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, at)).toString('utf8');
  const result = { size, head: read(0), tail: read(Math.max(0, size - n)) };
  closeSync(fd);
  return result;
}

function countDiagnostics(file) {
  const { size, head, tail } = ends(file);
  if (!head.trimStart().startsWith('{')) return '-';
  try {
    if (size < 64 << 20) return JSON.parse(readFileSync(file, 'utf8')).diagnostics.length;
    // Too large to parse here (or past V8's string limit): the summary at the end counts them.
    const { summary } = JSON.parse(`{${tail.slice(tail.lastIndexOf('"summary":'))}`);
    return `${summary.errors + summary.warnings + summary.infos} (summary)`;
  } catch {
    return 'not JSON';
  }
}

// The bytes of the input's regular files (a FIFO or a symlink to a device counts nothing).
const diskSize = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size, 0);

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
const firstLine = (text) => {
  const line = text.split('\n').find((l) => l !== '' && !/^maxrss \d+$/.test(l)) ?? '';
  return cell(line.length > 80 ? `${line.slice(0, 79)}…` : line);
};

const rows = [];
for (const [index, [name, build]] of INPUTS.entries()) {
  const root = mkdtempSync(path.join(TEMP, `${name.split(' ')[0]}-`));
  const cwd = path.join(root, 'in');
  const progress = (text) => process.stderr.write(`[${index + 1}/${INPUTS.length}] ${name}: ${text}\n`);
  const failed = (what, error) => {
    progress(`${what} failed: ${error.stack}`);
    rows.push([name, '-', '-', '-', '-', firstLine(`${what} failed: ${error.message}`), '-']);
  };
  try {
    let input;
    const generating = performance.now();
    try {
      input = build();
      mkdirSync(cwd);
      for (const [file, parts] of Object.entries(input.files)) await write(path.join(cwd, file), parts);
      input.setup?.(cwd);
    } catch (error) {
      failed('generation', error);
      continue;
    }
    const size = diskSize(cwd);
    progress(`generated ${bytes(size)} in ${Math.round(performance.now() - generating)} ms; running`);
    try {
      const result = await run(cwd, input.args ?? ['m'], path.join(root, 'stdout'), path.join(root, 'stderr'));
      const { head, tail } = ends(path.join(root, 'stderr'));
      const maxrss = /^maxrss (\d+)$/m.exec(tail)?.[1];
      const ms = Math.round(result.ms);
      const wall = { timeout: `> ${TIMEOUT_S} s (killed)`, rss: `${ms} (killed at ${MAX_RSS_MIB} MiB RSS)` }[result.killed] ?? ms;
      // rss.mjs reports the peak unless the child was killed: then the last sample from /proc.
      const rss = maxrss ? Math.round(maxrss / 1024) : result.hwm ? `≥ ${Math.round(result.hwm / 1024)}` : '-';
      rows.push([name, cell(`${input.size} · ${bytes(size)}`), wall, rss, result.exit, firstLine(head),
        countDiagnostics(path.join(root, 'stdout'))]);
      progress(`${wall}${typeof wall === 'number' ? ' ms' : ''}, exit ${result.exit}`);
    } catch (error) {
      failed('run', error);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
cleanUp();

const header = ['input', 'size', 'wall ms', 'peak RSS MiB', 'exit', 'stderr (first line)', 'diagnostics'];
console.log(`keymgmt-lint CLI --format json on the hostile inputs of docs/robustness.md, scale ${SCALE}, timeout ${TIMEOUT_S} s, ` +
  `RSS cap ${MAX_RSS_MIB ? `${MAX_RSS_MIB} MiB` : 'none'}, Node ${process.version}, ${process.platform}/${process.arch}\n`);
for (const row of [header, header.map(() => '---'), ...rows]) console.log(`| ${row.join(' | ')} |`);
