// The config file's `ignore` globs (src/cli/glob.js): the documented syntax, agreement with
// picomatch (the matcher before) on it, the patterns refused, and hostile patterns on which
// picomatch's backtracking took minutes. Those run in a child process under a kill timer: a
// matcher that backtracks again fails the test instead of hanging the run (a synchronous loop
// would never let node:test's own timeout fire).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { BIN, PKG } from './helpers.js';
import { compileGlob, GlobError, MAX_GLOB_LENGTH, MAX_RANGE_VALUES } from '../src/cli/glob.js';

const LIMIT = { timeout: 60_000 };
const BAD_PURPOSE = 'resource "vault_keymgmt_distribute_key" "d" {\n  path     = "keymgmt"\n  name     = "k"\n  kms_name = "kms"\n  purpose  = "sign"\n}\n';

test('the documented syntax', () => {
  const cases = [
    ['legacy/**', ['legacy/main.tf', 'legacy/a/b/main.tf', 'legacy/.hidden.tf'], ['legacy', 'legacy.tf', 'old/legacy/main.tf']],
    ['**/generated.tf', ['generated.tf', 'a/generated.tf', 'a/b/generated.tf'], ['a/generated.tf.json', 'xgenerated.tf']],
    ['a/**/b.tf', ['a/b.tf', 'a/x/b.tf', 'a/x/y/b.tf'], ['ab.tf', 'a/xb.tf', 'x/a/b.tf']],
    ['**', ['main.tf', '.hidden/x.tf', 'a/b/c.tf'], []],
    ['*.tf', ['main.tf', '.hidden.tf', '.tf'], ['a/main.tf', 'main.tf.json']],
    ['modules-*/**', ['modules-old/main.tf', 'modules-/x/y.tf'], ['modules-old.tf', 'modules/main.tf']],
    ['a**b.tf', ['ab.tf', 'axxb.tf'], ['ax/b.tf']],
    ['?.tf', ['a.tf', '..tf'], ['ab.tf', '.tf']],
    ['[a-c].tf', ['a.tf', 'c.tf'], ['d.tf', 'A.tf']],
    ['[!a-c].tf', ['d.tf', '-.tf'], ['a.tf', 'b.tf']],
    ['[^a-c].tf', ['d.tf'], ['a.tf']],
    ['[]a].tf', ['a.tf', '].tf'], ['b.tf', ']a.tf']],
    ['[[:digit:]x].tf', ['1.tf', 'x.tf'], ['a.tf']],
    ['{prod,stage}/**', ['prod/a.tf', 'stage/b/c.tf'], ['dev/a.tf', 'prod.tf']],
    ['{a,b/{c,d}}.tf', ['a.tf', 'b/c.tf', 'b/d.tf'], ['b.tf', 'b/e.tf']],
    ['{,x}main.tf', ['main.tf', 'xmain.tf'], ['ymain.tf']],
    ['env{1..3}.tf', ['env1.tf', 'env3.tf'], ['env0.tf', 'env4.tf', 'env12.tf']],
    ['env{01..10}.tf', ['env01.tf', 'env10.tf'], ['env1.tf', 'env11.tf']],
    ['{a..c}.tf', ['b.tf'], ['d.tf']],
    ['\\*.tf', ['*.tf'], ['a.tf']],
    ['main (copy).tf', ['main (copy).tf'], ['main copy.tf']],
    ['{a}.tf', ['{a}.tf'], ['a.tf']],
    ['a[b.tf', ['a[b.tf'], ['ab.tf']],
    ['[draft].tf', ['[draft].tf', 'd.tf'], ['draft.tf']],
    ['./legacy/**', ['legacy/main.tf'], ['main.tf']],
    ['!legacy/**', ['main.tf', 'a/b.tf'], ['legacy/main.tf']],
    ['Main.tf', ['Main.tf'], ['main.tf']],
    ['a/*/b.tf', ['a/x/b.tf'], ['a/b.tf', 'a/x/y/b.tf']],
    ['a[/]b', [], ['a/b']],
  ];
  for (const [glob, matching, other] of cases) {
    const match = compileGlob(glob);
    for (const file of matching) assert.equal(match(file), true, `${glob} should match ${file}`);
    for (const file of other) assert.equal(match(file), false, `${glob} should not match ${file}`);
  }
});

// A small deterministic generator (a linear congruential one), so that a failure is reproducible.
function generator(seed) {
  let state = seed;
  const next = (n) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  return { next, pick: (items) => items[next(items.length)] };
}

test('on the documented syntax, matches what picomatch matched', () => {
  const { next, pick } = generator(19);
  // No POSIX class: after one, picomatch leaves a `.` unescaped in its regular expression, where
  // it matches any character, `/` too (`[[:alpha:]]b..*` matches `ab/f`).
  const TOKENS = ['a', 'b', '.', '/', '*', '?', '[ab]', '[^a]', '[a-c]', '{a,b}', '{a,b/a}', '{,a}', '{a,*}', '{a,{b,ab}}', '\\*', '{1..3}'];
  const DIRECTORIES = ['a', 'b', 'ab', '.a', 'a.b', 'ba', 'aab', '1', '*', 'bb.a'];
  // Paths end in a file name ending in `f`, which no literal above spells: picomatch lets `x/**`
  // match `x` itself, src/cli/glob.js only what is below (the case of directories, not files).
  const FILES = ['f.tf', 'af', '.f', 'a.bf', 'f'];
  const paths = Array.from({ length: 200 }, () => [...Array.from({ length: next(4) }, () => pick(DIRECTORIES)), pick(FILES)].join('/'));
  let compared = 0;
  for (let i = 0; i < 3000; i++) {
    let glob = '';
    const length = 1 + next(6);
    for (let k = 0; k < length; k++) {
      // `**` as a whole segment, or any token.
      if (next(5) === 0) glob += `${glob === '' || glob.endsWith('/') ? '' : '/'}**${k < length - 1 ? '/' : ''}`;
      else glob += pick(TOKENS);
    }
    // Left out, two places where picomatch is not consistent with itself: `X/**` matches `X`
    // when X ends in a literal, `?` or a class, but not in `*` (`*/**` does not match `a.tf`);
    // `X/**/Y` matches `X` when Y may be empty, unless Y is `*`.
    if (glob.includes('***') || /\*\*\/(\{,a\}|\{a,\*\})/.test(glob) || /(^|[^ab.])\/\*\*$/.test(glob)) continue;
    const before = picomatch(glob, { dot: true });
    const now = compileGlob(glob);
    for (const file of paths) {
      assert.equal(now(file), before(file), `${glob} on ${file}`);
      compared += 1;
    }
  }
  assert.ok(compared > 500_000, `${compared} comparisons`);
});

test('where it departs from picomatch, it follows the shell', () => {
  // picomatch read `[!a]` as the set of `!` and `a`, and let a class match `/`.
  assert.equal(picomatch('[!a].tf', { dot: true })('a.tf'), true);
  assert.equal(compileGlob('[!a].tf')('a.tf'), false);
  assert.equal(compileGlob('[!a].tf')('b.tf'), true);
  assert.equal(picomatch('a[/]b', { dot: true })('a/b'), true);
  assert.equal(compileGlob('a[/]b')('a/b'), false);
  // picomatch passed parentheses to the regular expression: `(a|b).tf` matched `a.tf`.
  assert.equal(picomatch('(a|b).tf', { dot: true })('a.tf'), true);
  assert.equal(compileGlob('(a|b).tf')('a.tf'), false);
  assert.equal(compileGlob('(a|b).tf')('(a|b).tf'), true);
});

test('refused patterns are GlobErrors that say why', () => {
  for (const [glob, message] of [
    ['+(a|b).tf', /extended globs such as `\+\(\.\.\.\)` are not supported/],
    ['@(a).tf', /`@\(\.\.\.\)`/],
    ['x/*(a).tf', /`\*\(\.\.\.\)`/],
    ['?(a).tf', /`\?\(\.\.\.\)`/],
    ['!(a).tf', /`!\(\.\.\.\)`/],
    ['a'.repeat(MAX_GLOB_LENGTH + 1), new RegExp(`is ${MAX_GLOB_LENGTH + 1} characters long, over the limit of ${MAX_GLOB_LENGTH}`)],
    [`{1..${MAX_RANGE_VALUES + 1}}`, new RegExp(`brace ranges expand to more than ${MAX_RANGE_VALUES} values`)],
    [`{1..${MAX_RANGE_VALUES}}{a..b}`, /brace ranges expand to more than/],
    ['{1..99999999999999}', /brace ranges expand to more than/],
    ['[[:letter:]]', /unknown character class \[:letter:\]; one of: alnum, alpha/],
  ]) {
    assert.throws(() => compileGlob(glob), (error) => error instanceof GlobError && message.test(error.message), glob.slice(0, 40));
  }
  // At the limits, accepted; an escaped parenthesis is a character.
  compileGlob('a'.repeat(MAX_GLOB_LENGTH));
  compileGlob(`{1..${MAX_RANGE_VALUES}}`);
  assert.equal(compileGlob('main*\\(copy\\).tf')('main (copy).tf'), true);
});

test('a config file with refused patterns exits 2 and names each by its index', LIMIT, (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-glob-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const config = path.join(dir, '.keymgmt-lint.json');
  writeFileSync(config, JSON.stringify({ ignore: ['legacy/**', '+(a|b)/**', 'x'.repeat(2000)] }));
  writeFileSync(path.join(dir, 'main.tf'), BAD_PURPOSE);
  const result = spawnSync(process.execPath, [BIN, dir], { cwd: PKG, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
  assert.equal(result.status, 2);
  assert.equal(
    result.stderr,
    'keymgmt-lint: invalid config file\n' +
      `${config}: \`ignore[1]\`: extended globs such as \`+(...)\` are not supported; write alternatives as {a,b}, or escape the parenthesis as \\(\n` +
      `${config}: \`ignore[2]\`: the pattern is 2000 characters long, over the limit of ${MAX_GLOB_LENGTH}\n`,
  );
});

// Each took picomatch from two minutes to forever on a 48-character path (docs/robustness.md).
const HOSTILE = [
  '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b',
  '**/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b/**',
  '?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*b',
  '{*a,a*}{*a,a*}{*a,a*}{*a,a*}{*a,a*}{*a,a*}{*a,a*}{*a,a*}{*a,a*}{*a,a*}b',
  '*a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a*b',
  '**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/b',
];

test('hostile patterns on 40- and 4,000-character paths end at once, with the right answers', LIMIT, () => {
  const script = `
    import { compileGlob } from ${JSON.stringify(pathToFileURL(path.join(PKG, 'src/cli/glob.js')).href)};
    const patterns = ${JSON.stringify(HOSTILE)};
    const a = (n) => 'a'.repeat(n);
    const paths = [a(40), a(40) + '/main.tf', a(4000), (a(39) + '/').repeat(100) + 'main.tf', 'a/'.repeat(2000) + 'c',
      a(40) + 'b', a(4000) + 'b', 'a/'.repeat(2000) + 'b', (a(39) + '/').repeat(100) + a(20) + 'b/main.tf'];
    process.stdout.write(JSON.stringify(patterns.map((p) => { const match = compileGlob(p); return paths.map((f) => match(f)); })));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
  assert.equal(result.signal, null, 'the matcher was killed after 20 s');
  assert.equal(result.status, 0, result.stderr);
  const none = [false, false, false, false, false];
  assert.deepEqual(JSON.parse(result.stdout), [
    [...none, true, true, false, false],
    [...none, false, false, false, true],
    [...none, true, true, false, false],
    [...none, true, true, false, false],
    [...none, true, true, false, false],
    [...none, false, false, true, false],
  ]);
});

test('the CLI applies hostile ignore patterns to a 40-character directory and a 3,800-character path at once', LIMIT, (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-glob-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const short = path.join(root, `${'a'.repeat(39)}x`);
  // 19 directories of 199 characters: under PATH_MAX (4,096) with the temporary directory.
  const deep = path.join(root, ...Array.from({ length: 19 }, () => 'a'.repeat(199)));
  for (const dir of [short, deep]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'main.tf'), BAD_PURPOSE);
  }
  // The hostile patterns match neither module; the last one, as hostile, ignores the short one.
  const ignore = [...HOSTILE, `${'*a'.repeat(20)}*x/**`];
  writeFileSync(path.join(root, '.keymgmt-lint.json'), JSON.stringify({ ignore }));
  const result = spawnSync(process.execPath, [BIN, '--format', 'json', short, deep], { cwd: PKG, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
  assert.equal(result.signal, null, 'the CLI was killed after 20 s');
  assert.equal(result.status, 1, result.stderr);
  const files = new Set(JSON.parse(result.stdout).diagnostics.map((d) => d.file));
  assert.deepEqual([...files], [path.join(deep, 'main.tf')]);
});
