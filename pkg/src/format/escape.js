// Terminal safety. Paths, resource labels, map keys and values quoted in messages come from the
// linted files, often someone else's pull request: a raw ESC could repaint or erase the terminal,
// a CR or LF forge a line of the report (a fake `✖ 0 problems`), a bidi control make text display
// in another order than it is read. The formats people and CI logs read (stylish, github, junit)
// and the CLI's messages on stderr show such characters as visible escapes, spelt as JSON spells
// them: `\n`, `\r`, `\t`, otherwise `\u` and four lowercase hex digits (`\u001b`, `\u202e`).
//
// That escaping is for reading and not reversible: a backslash is not doubled, so that Windows
// paths stay readable. The json and sarif formats keep the exact text, as JSON escapes.

// C0 controls, DEL and C1 controls; the Unicode line and paragraph separators; the bidi
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the implicit marks
// (U+200E, U+200F, U+061C).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same but for C0, which JSON.stringify escapes itself; its line breaks are the layout's.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const unicodeEscape = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * @param {unknown} text
 * @param {{ keep?: string }} [options] `keep`: characters (of `\t`, `\n`, `\r`) left as they are
 *   because the caller's format encodes them losslessly itself (GitHub's `%0A`, XML's `&#10;`)
 * @returns {string}
 */
export function escapeControls(text, { keep = '' } = {}) {
  return String(text).replace(UNSAFE, (c) => (keep.includes(c) ? c : (SHORT[c] ?? unicodeEscape(c))));
}

/**
 * JSON text from JSON.stringify with the same characters as `\u` escapes. JSON.stringify escapes
 * the C0 controls only, and leaves DEL, C1 and the bidi controls raw; JSON outside strings is
 * ASCII, so each of them is inside a string, where the escape stands for the same character.
 */
export function escapeJsonText(json) {
  return json.replace(UNSAFE_IN_JSON, unicodeEscape);
}
