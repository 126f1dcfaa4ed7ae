// A small HCL tokenizer for CodeMirror's StreamLanguage: comments, strings with `${...}`
// interpolation, heredocs, numbers, block types, argument names and references. It colours the
// text only; the linter's parser (hcl-edit in the core) is the one that decides what is valid.
import { StreamLanguage } from '@codemirror/language';

const BLOCKS = new Set(['resource', 'data', 'variable', 'locals', 'output', 'module', 'provider', 'terraform', 'moved', 'import', 'check', 'dynamic', 'lifecycle', 'content', 'required_providers', 'backend']);
const ATOMS = new Set(['true', 'false', 'null']);
const KEYWORDS = new Set(['for', 'in', 'if', 'else', 'endif', 'endfor']);

function tokenString(stream, state) {
  while (!stream.eol()) {
    if (stream.match('${') || stream.match('%{')) {
      state.stack.push('interp');
      state.depth.push(0);
      return 'string';
    }
    const ch = stream.next();
    if (ch === '\\') stream.next();
    else if (ch === '"') {
      state.stack.pop();
      return 'string';
    }
  }
  return 'string';
}

export const hcl = StreamLanguage.define({
  name: 'hcl',
  startState: () => ({ stack: [], depth: [], heredoc: null, lineStart: true }),
  copyState: (s) => ({ stack: [...s.stack], depth: [...s.depth], heredoc: s.heredoc, lineStart: s.lineStart }),
  token(stream, state) {
    if (stream.sol()) state.lineStart = true;
    const top = state.stack.at(-1);
    if (state.heredoc) {
      if (stream.sol() && stream.match(new RegExp(`^\\s*${state.heredoc}\\s*$`))) {
        state.heredoc = null;
        return 'string';
      }
      stream.skipToEnd();
      return 'string';
    }
    if (top === 'comment') {
      if (stream.skipTo('*/')) {
        stream.match('*/');
        state.stack.pop();
      } else stream.skipToEnd();
      return 'blockComment';
    }
    if (top === 'string') return tokenString(stream, state);
    if (stream.eatSpace()) return null;
    const atLineStart = state.lineStart;
    state.lineStart = false;

    if (stream.match('#') || stream.match('//')) {
      stream.skipToEnd();
      return 'lineComment';
    }
    if (stream.match('/*')) {
      state.stack.push('comment');
      return 'blockComment';
    }
    const heredoc = stream.match(/^<<-?([A-Za-z_][\w]*)/);
    if (heredoc) {
      state.heredoc = heredoc[1];
      stream.skipToEnd();
      return 'string';
    }
    if (stream.eat('"')) {
      state.stack.push('string');
      return tokenString(stream, state);
    }
    if (top === 'interp') {
      if (stream.eat('{')) {
        state.depth[state.depth.length - 1]++;
        return 'brace';
      }
      if (stream.peek() === '}') {
        stream.next();
        if (state.depth.at(-1) === 0) {
          state.stack.pop();
          state.depth.pop();
          return 'string';
        }
        state.depth[state.depth.length - 1]--;
        return 'brace';
      }
    }
    if (stream.match(/^\d+(\.\d+)?([eE][+-]?\d+)?/)) return 'number';
    const word = stream.match(/^[A-Za-z_][\w-]*/);
    if (word) {
      const name = word[0];
      if (ATOMS.has(name)) return 'bool';
      if (KEYWORDS.has(name)) return 'keyword';
      if (atLineStart && BLOCKS.has(name) && !stream.match(/^\s*=/, false)) return 'keyword';
      if (stream.match(/^\s*=(?!=)/, false)) return 'propertyName';
      if (stream.match(/^\s*\(/, false)) return 'variableName.function';
      return 'variableName';
    }
    if (stream.match(/^[{}]/)) return 'brace';
    if (stream.match(/^[[\]()]/)) return 'paren';
    if (stream.match(/^(==|!=|<=|>=|&&|\|\||=>|[=<>!?:+\-*/%.,])/)) return 'operator';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '#', block: { open: '/*', close: '*/' } } },
});
