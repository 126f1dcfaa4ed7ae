// Positions between the core and the client. The core's columns count UTF-16 code units, 1-based,
// as LSP's default encoding does (0-based); a client that offers UTF-8 gets byte columns, taken
// from the line's text.

/** The encodings the server speaks, in the order it prefers them among those a client offers. */
const PREFERRED = ['utf-16', 'utf-8'];

/** The encoding to use with a client that offers `offered` (LSP 3.17 `general.positionEncodings`). */
export function negotiate(offered) {
  return PREFERRED.find((encoding) => offered?.includes(encoding)) ?? 'utf-16';
}

/**
 * @param {'utf-16' | 'utf-8'} encoding
 * @param {(line: number) => string} lineText the text of a 0-based line, without its line break
 */
export function createPositions(encoding, lineText) {
  const utf8 = encoding === 'utf-8';
  /** A core position `{ line, column }` (1-based, UTF-16) as an LSP position. */
  const toLsp = ({ line, column }) => {
    const character = column - 1;
    return { line: line - 1, character: utf8 ? Buffer.byteLength(lineText(line - 1).slice(0, character)) : character };
  };
  return {
    toLsp,
    range: (range) => ({ start: toLsp(range.start), end: toLsp(range.end) }),
    /** An LSP position as a UTF-16 index into its line. */
    fromLsp: ({ line, character }) => (utf8 ? utf16Index(lineText(line), character) : character),
  };
}

// The UTF-16 index at byte `bytes` of `text` (a byte inside a character counts as its start).
function utf16Index(text, bytes) {
  let used = 0;
  let index = 0;
  for (const char of text) {
    used += Buffer.byteLength(char);
    if (used > bytes) break;
    index += char.length;
  }
  return index;
}
