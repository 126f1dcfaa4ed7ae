// The one escaping of text from the input for the formats people read (src/format/escape.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeControls, escapeJsonText } from '../src/format/escape.js';

const UNSAFE = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
].map((code) => String.fromCharCode(code));

test('C0, DEL, C1, line separators and bidi controls become visible escapes, spelt as in JSON', () => {
  assert.equal(escapeControls('a\u001b[2K\u001b[1Ab\n✖ 0 problems\r\t\u202eevil\u2066'), 'a\\u001b[2K\\u001b[1Ab\\n✖ 0 problems\\r\\t\\u202eevil\\u2066');
  assert.equal(escapeControls('\u0000\u007f\u0085\u009b\u061c\u200e\u200f\u2028'), '\\u0000\\u007f\\u0085\\u009b\\u061c\\u200e\\u200f\\u2028');
  for (const c of UNSAFE) assert.match(escapeControls(c), /^\\[ntr]$|^\\u[0-9a-f]{4}$/, JSON.stringify(c));
});

test('everything else is left alone, backslashes included', () => {
  const text = 'C:\\infra\\main.tf `vault_keymgmt_key.k` é 😀 « » \u00a0 \u200b ✖ %0A &amp;';
  assert.equal(escapeControls(text), text);
  assert.equal(escapeControls(42), '42');
});

test('keep leaves the line breaks a format encodes itself', () => {
  assert.equal(escapeControls('a\r\nb\tc\u001b', { keep: '\r\n' }), 'a\r\nb\\tc\\u001b');
  assert.equal(escapeControls('a\r\nb\tc', { keep: '\t\n\r' }), 'a\r\nb\tc');
});

test('escapeJsonText escapes what JSON.stringify leaves raw, and the value stays the same', () => {
  const value = { text: UNSAFE.join(''), other: 'plain é' };
  const json = escapeJsonText(JSON.stringify(value, null, 2));
  assert.doesNotMatch(json, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  assert.deepEqual(JSON.parse(json), value);
});
