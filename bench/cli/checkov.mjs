// Side-by-side benchmark: keymgmt-lint's CLI against a reference run of checkov on the same
// generated modules (bench/gen.mjs), with checkov limited to custom policies that express the same
// checks as far as checkov can (bench/cli/checkov/policies/). Prints figures only, no thresholds.
//
//   node bench/cli/checkov.mjs              → N = 100, 1000, 10000
//   node bench/cli/checkov.mjs 100 500      → the sizes given
//
// checkov comes from PyPI, pinned in bench/cli/checkov/requirements.txt, into a virtual environment at
// bench/out/checkov-venv that this script creates and fills once (skipped when it already holds the
// pinned version). It then runs offline: no API key, no downloads, no uploads, and, where the
// machine allows it (`unshare -n`), in a network namespace of its own with no network at all.
//
// Environment: CHECKOV_TIMEOUT_S caps one checkov run (default 1800 s; "timeout" in the table).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../gen.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'pkg', 'bin', 'keymgmt-lint.js');
const HERE = path.join(ROOT, 'bench', 'cli', 'checkov');
const POLICIES = path.join(HERE, 'policies');
const MISTAKES = path.join(HERE, 'mistakes');
const REQUIREMENTS = path.join(HERE, 'requirements.txt');
const VENV = path.join(ROOT, 'bench', 'out', 'checkov-venv');
const CHECKOV = path.join(VENV, 'bin', 'checkov');
const TIMEOUT_S = Number(process.env.CHECKOV_TIMEOUT_S ?? 1800);
const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [100, 1000, 10000];
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('usage: node bench/cli/checkov.mjs [N ...]');
  process.exit(2);
}

// keymgmt-lint rule → the checkov check that mirrors it (bench/cli/checkov/policies/: CKV2_* are YAML
// graph policies, CKV_* Python checks in keymgmt_checks.py; each file says what it leaves out).
const COUNTERPART = {
  'unknown-argument': 'CKV_KEYMGMT_101',
  'missing-required-argument': 'CKV_KEYMGMT_102',
  'invalid-value': 'CKV_KEYMGMT_103',
  'key-type-unsupported': 'CKV2_KEYMGMT_2',
  'purpose-key-type': 'CKV2_KEYMGMT_1',
  'protection-unsupported': 'CKV2_KEYMGMT_3',
  'replicate-provider': 'CKV2_KEYMGMT_4',
  'replicate-no-replica-regions': 'CKV2_KEYMGMT_5',
  'replicate-not-distributed': 'CKV2_KEYMGMT_6',
  'replicate-ordering': 'CKV2_KEYMGMT_7',
  'replica-region-invalid': 'CKV_KEYMGMT_109',
  'credentials-conflict': 'CKV_KEYMGMT_104',
  'credentials-incomplete': 'CKV_KEYMGMT_105',
  'hardcoded-secret': 'CKV_KEYMGMT_106',
  'mount-type': 'CKV2_KEYMGMT_8',
  'key-collection-format': 'CKV_KEYMGMT_107',
  'namespace-format': 'CKV_KEYMGMT_108',
};
// keymgmt-lint rules checkov cannot express, and why.
const NO_COUNTERPART = {
  'parse-error': 'checkov reports unparsable files itself (parsing_errors), not as a check',
  'mixed-schema-generation': 'a module-wide property, not one of a resource or an edge',
  'unresolved-reference': 'checkov leaves unresolved references as text and has no check for them',
  'unknown-kms': 'a join on equal values (kms_name = a provider name), not on references',
  'unknown-key': 'a join on equal values (key_name = a key name), not on references',
  'mount-mismatch': 'a join on equal values (the same mount on two resources)',
  'duplicate-name': 'a join on equal values (two resources with one name)',
  'duplicate-distribution': 'a join on equal values (two distributions of one pair)',
  'unused-ignore': "keymgmt-lint's own ignore comments",
  'invalid-ignore': "keymgmt-lint's own ignore comments",
};
const CHECK_IDS = [...new Set(Object.values(COUNTERPART))];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const mib = (kib) => `${Math.round(kib / 1024)} MiB`;

// ---------------------------------------------------------------- checkov in a virtual env

function pinnedVersion() {
  const line = readFileSync(REQUIREMENTS, 'utf8').match(/^checkov==(\S+)$/m);
  if (!line) throw new Error(`${REQUIREMENTS} pins no checkov==VERSION`);
  return line[1];
}

function installedVersion() {
  if (!existsSync(CHECKOV)) return undefined;
  const r = spawnSync(CHECKOV, ['--version'], { encoding: 'utf8', env: checkovEnv() });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function ensureCheckov() {
  const want = pinnedVersion();
  if (installedVersion() === want) return want;
  console.error(`installing checkov ${want} into ${path.relative(process.cwd(), VENV)} ...`);
  if (!existsSync(path.join(VENV, 'bin', 'python'))) {
    execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
  }
  execFileSync(
    path.join(VENV, 'bin', 'python'),
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS],
    { stdio: 'inherit' },
  );
  const got = installedVersion();
  if (got !== want) throw new Error(`checkov --version says ${got}, expected ${want}`);
  return got;
}

// Everything that could make checkov reach the network is off: no API key (so no platform
// download or upload), no mapping download, no SCA package scan, no module download.
function checkovEnv() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(BC_|PRISMA_|CKV_|CHECKOV_)/.test(name)) delete env[name];
  }
  return {
    ...env,
    BC_SKIP_MAPPING: 'TRUE',
    CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false',
    // checkov gives up on a file whose HCL takes more than 10 s to parse (its default) and then
    // reports it as a parsing error: the 10,000-key module would be skipped, not scanned.
    HCL_PARSE_TIMEOUT_SEC: '0',
    LOG_LEVEL: 'WARNING',
    PYTHONWARNINGS: 'ignore',
    // Importing the Python checks would leave a __pycache__ in bench/cli/checkov/policies.
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

const OFFLINE_FLAGS = ['--framework', 'terraform', '--skip-download', '--skip-results-upload', '--download-external-modules', 'false'];

function checkovArgs(dir, { builtins = false } = {}) {
  const checks = builtins ? [] : ['--check', CHECK_IDS.join(',')];
  return [CHECKOV, '-d', dir, ...OFFLINE_FLAGS, '--external-checks-dir', POLICIES, ...checks, '-o', 'json', '--quiet'];
}

// `unshare -n` (root, or unprivileged user namespaces) gives checkov no network at all, which
// proves it needs none: with no interface, a lookup fails at once instead of hanging.
const NO_NETWORK = spawnSync('unshare', ['-n', 'true']).status === 0;
const offline = (argv) => (NO_NETWORK ? ['unshare', '-n', ...argv] : argv);

// --------------------------------------------------------------------------- measuring

// A small Python launcher runs the command, times it from spawn to exit and reads the peak
// resident set size of the process tree it waited for (getrusage(RUSAGE_CHILDREN).ru_maxrss:
// the largest single process, in KiB on Linux). It writes one JSON line to stderr, last.
const LAUNCHER = `
import json, resource, subprocess, sys, time
timeout = float(sys.argv[1])
start = time.perf_counter()
try:
    code = subprocess.run(sys.argv[2:], timeout=timeout).returncode
    timed_out = False
except subprocess.TimeoutExpired:
    code, timed_out = None, True
ms = (time.perf_counter() - start) * 1000
sys.stdout.flush()
sys.stderr.write("\\n" + json.dumps({"ms": ms, "maxrss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "code": code, "timeout": timed_out}) + "\\n")
`;

function measure(argv, { env = process.env, timeoutS = TIMEOUT_S } = {}) {
  const r = spawnSync('python3', ['-c', LAUNCHER, String(timeoutS), ...argv], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.error) throw r.error;
  const lines = r.stderr.trimEnd().split('\n');
  const m = JSON.parse(lines.pop());
  return { ...m, stdout: r.stdout, stderr: lines.join('\n') };
}

function lintRun(dir) {
  const m = measure([process.execPath, BIN, '--format', 'json', dir], { timeoutS: 600 });
  if (m.code !== 0 && m.code !== 1) throw new Error(`keymgmt-lint exit ${m.code}: ${m.stderr}`);
  return m;
}

function checkovRun(dir, options) {
  const m = measure(offline(checkovArgs(dir, options)), { env: checkovEnv() });
  if (m.timeout) return m;
  if (m.code !== 0 && m.code !== 1) throw new Error(`checkov exit ${m.code}: ${m.stderr.slice(-2000)}`);
  return m;
}

// checkov -o json --quiet: one report object (or a list, one per framework); with no resource a
// check applies to, only a summary.
function checkovReport(stdout) {
  const parsed = JSON.parse(stdout);
  const report = Array.isArray(parsed) ? parsed.find((r) => r.check_type === 'terraform') : parsed;
  const summary = report.summary ?? report;
  return { summary, failed: report.results?.failed_checks ?? [] };
}

function lintReport(stdout) {
  return JSON.parse(stdout);
}

// ---------------------------------------------------------------------------- the run

const version = ensureCheckov();
const { rules } = await import('../../pkg/src/index.js');
const ruleIds = rules().map((r) => r.id);
const relative = (p) => path.relative(ROOT, p) || '.';

console.log(`keymgmt-lint CLI vs checkov ${version}: Node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} CPUs`);
console.log(
  `checkov: ${OFFLINE_FLAGS.join(' ')} -o json --quiet, only the custom checks of ${relative(POLICIES)}; ` +
    `${NO_NETWORK ? 'run under `unshare -n` (no network at all)' : 'network namespace unavailable, offline by flags only'}`,
);
console.log('keymgmt-lint: --format json, a spawned node (start-up and WebAssembly loading included)');
console.log('wall: median of the runs, spawn to exit; peak RSS: largest process of the tree, max over the runs');
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`load average at the start: ${load()} (other work on the machine makes the figures noisy)\n`);

const mirrored = ruleIds.filter((id) => COUNTERPART[id]);
const unmirrored = ruleIds.filter((id) => !COUNTERPART[id]);
console.log(`rules with a checkov counterpart (${mirrored.length}/${ruleIds.length}): ${mirrored.map((id) => `${id} (${COUNTERPART[id]})`).join(', ')}`);
console.log(`rules without (${unmirrored.length}):`);
for (const id of unmirrored) console.log(`  ${id}: ${NO_COUNTERPART[id] ?? 'not yet classified in bench/cli/checkov.mjs'}`);
console.log('');

// 1. Both tools on a module of known mistakes, rule by rule: the policies must fire where the
// rules do, or the timings below compare unequal work.
{
  const lint = lintReport(lintRun(relative(MISTAKES)).stdout);
  const ck = checkovRun(relative(MISTAKES));
  if (ck.timeout) throw new Error('checkov timed out on the mistakes module');
  const { failed } = checkovReport(ck.stdout);
  console.log(`Known mistakes (${relative(path.join(MISTAKES, 'main.tf'))}): findings per rule\n`);
  const header = ['rule', 'keymgmt-lint diagnostics', 'checkov check', 'checkov failed', 'same resources'];
  const rows = [];
  let agree = 0;
  for (const id of ruleIds) {
    const diagnostics = lint.diagnostics.filter((d) => d.rule === id);
    const check = COUNTERPART[id];
    if (diagnostics.length === 0 && !check) continue;
    const lintResources = [...new Set(diagnostics.map((d) => d.resource))].sort();
    const ckResources = check ? [...new Set(failed.filter((f) => f.check_id === check).map((f) => f.resource))].sort() : [];
    const same = check ? JSON.stringify(lintResources) === JSON.stringify(ckResources) : false;
    if (same) agree++;
    rows.push([
      id,
      `${diagnostics.length}${diagnostics.length !== lintResources.length ? ` (${lintResources.length} resources)` : ''}`,
      check ?? '—',
      check ? String(ckResources.length) : '—',
      check ? (same ? 'yes' : `no: lint ${lintResources.join(' ') || '-'} / checkov ${ckResources.join(' ') || '-'}`) : '—',
    ]);
  }
  for (const row of [header, header.map(() => '---'), ...rows]) console.log(`| ${row.join(' | ')} |`);
  console.log(
    `\ntotal: keymgmt-lint ${lint.diagnostics.length} diagnostics; checkov ${failed.length} failed checks; ` +
      `${agree}/${mirrored.length} counterparts flag exactly the resources keymgmt-lint flags\n`,
  );
}

// 2. The timings.
const rows = [];
let builtinsNote;
for (const n of sizes) {
  const dir = relative(generate(n));
  const bytes = statSync(path.join(ROOT, dir, 'main.tf')).size;
  console.error(`N = ${n}: keymgmt-lint ...`);
  const lintRepeats = n >= 10000 ? 3 : 5;
  const lintRuns = Array.from({ length: lintRepeats }, () => lintRun(dir));
  const lint = lintReport(lintRuns[0].stdout);
  const lintMs = median(lintRuns.map((r) => r.ms));

  const ckRepeats = n <= 1000 ? 3 : 1;
  const ckRuns = [];
  for (let i = 0; i < ckRepeats; i++) {
    console.error(`N = ${n}: checkov run ${i + 1}/${ckRepeats} ...`);
    const run = checkovRun(dir);
    ckRuns.push(run);
    if (run.timeout) break;
  }
  const timedOut = ckRuns.some((r) => r.timeout);
  let ckCell = `timeout (> ${TIMEOUT_S} s)`;
  let ckFindings = '—';
  let ratio = `> ${Math.floor((TIMEOUT_S * 1000) / lintMs)}×`;
  let ckMs;
  if (!timedOut) {
    const { summary } = checkovReport(ckRuns[0].stdout);
    ckMs = median(ckRuns.map((r) => r.ms));
    ckCell = `${Math.round(ckMs)} (${ckRuns.length} run${ckRuns.length > 1 ? 's' : ''})`;
    ckFindings = `${summary.failed} failed / ${summary.passed} passed`;
    if (summary.parsing_errors) ckFindings += `, ${summary.parsing_errors} PARSING ERRORS`;
    if (summary.resource_count !== lint.summary.resources) {
      ckFindings += ` (saw ${summary.resource_count} of ${lint.summary.resources} resources)`;
    }
    ratio = `${Math.round(ckMs / lintMs)}×`;
  }
  rows.push([
    n,
    `${(bytes / 1024 / 1024).toFixed(2)} MiB`,
    `${Math.round(lintMs)} (${lintRepeats} runs)`,
    ckCell,
    ratio,
    mib(Math.max(...lintRuns.map((r) => r.maxrss))),
    mib(Math.max(...ckRuns.map((r) => r.maxrss))) + (timedOut ? ' (at the timeout)' : ''),
    `${lint.diagnostics.length}`,
    ckFindings,
  ]);

  // Once, at the smallest size: checkov with all its built-in Terraform checks besides the custom
  // ones, the way it usually runs. None of the built-ins applies to vault_keymgmt_* resources, so
  // they add start-up and scanning time but no findings.
  if (builtinsNote === undefined) {
    console.error(`N = ${n}: checkov with built-in checks ...`);
    const all = checkovRun(dir, { builtins: true });
    builtinsNote = all.timeout
      ? `checkov with all built-in Terraform checks too, N = ${n}: timeout`
      : `checkov with all built-in Terraform checks too, N = ${n}, 1 run: ${Math.round(all.ms)} ms, ` +
        `peak RSS ${mib(all.maxrss)}, ${checkovReport(all.stdout).summary.failed} failed / ` +
        `${checkovReport(all.stdout).summary.passed} passed (custom only: ${ckMs === undefined ? 'timeout' : `${Math.round(ckMs)} ms`})`;
  }
}

const header = [
  'keys',
  'main.tf',
  'keymgmt-lint ms',
  'checkov ms',
  'checkov / keymgmt-lint',
  'keymgmt-lint peak RSS',
  'checkov peak RSS',
  'keymgmt-lint diagnostics',
  'checkov checks',
];
console.log('Generated modules (bench/gen.mjs; they lint clean, so both tools should find nothing)\n');
for (const row of [header, header.map(() => '---'), ...rows]) console.log(`| ${row.join(' | ')} |`);
console.log(`\n${builtinsNote}`);
console.log(`load average at the end: ${load()}`);
