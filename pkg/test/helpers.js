// Shared by the tests: run the real CLI in a child process, and read fixtures.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PKG = fileURLToPath(new URL('..', import.meta.url));
export const BIN = path.join(PKG, 'bin', 'keymgmt-lint.js');
export const FIXTURES = '../tests/fixtures/cli';

/**
 * The git repository holding the package, as git itself says (the CLI finds it by walking up to
 * `.git`), or the package directory outside one: GitHub, JUnit and SARIF paths are relative to it.
 */
export const REPO_ROOT = (() => {
  const git = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: PKG, encoding: 'utf8' });
  return git.status === 0 ? git.stdout.trim() : PKG.replace(/\/$/, '');
})();

/** A path relative to the package directory, as GitHub, JUnit and SARIF output name it. */
export const inRepo = (file) => path.relative(REPO_ROOT, path.join(PKG, file)).split(path.sep).join('/');

// The tests decide about colour and the panic hook themselves, whatever the caller's shell says.
const INHERITED = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !['NO_COLOR', 'FORCE_COLOR', 'KEYMGMT_LINT_TEST_PANIC'].includes(k)),
);

/** Runs `node bin/keymgmt-lint.js ...args` from the package directory. */
export function runCli(args, { env = {}, cwd = PKG } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...INHERITED, ...env }, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI with --format json and returns the parsed report alongside the exit code. */
export function runJson(args, options) {
  const result = runCli(['--format', 'json', ...args], options);
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}): ${result.stdout}\nstderr: ${result.stderr}`);
  }
  return { ...result, report };
}

/** A fresh directory holding the given files (relative path → string or bytes). */
export function tempModule(files) {
  const dir = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-test-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

export const ANSI = /\x1b\[/;

/**
 * Writes a module to preload (`NODE_OPTIONS=--import=...`) into `dir` that records every V8 flag
 * the process sets and every compilation of a WebAssembly module, and prints them on stderr at
 * exit as `events: ...`. Returns the environment that preloads it.
 */
export function eventSpyEnv(dir) {
  const spy = path.join(dir, 'spy.mjs');
  writeFileSync(
    spy,
    `import v8 from 'node:v8';
import { syncBuiltinESMExports } from 'node:module';
const events = [];
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => { events.push(flags); setFlags(flags); };
syncBuiltinESMExports();
WebAssembly.Module = new Proxy(WebAssembly.Module, {
  construct(target, args, newTarget) { events.push('compile'); return Reflect.construct(target, args, newTarget); },
});
process.on('exit', () => process.stderr.write(\`events: \${events.join(' ')}\\n\`));
`,
  );
  return { NODE_OPTIONS: `--import=${pathToFileURL(spy).href}` };
}
