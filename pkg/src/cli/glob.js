// The config file's `ignore` globs, matched in time linear in the length of the path.
//
// picomatch, used before, compiles a glob to a JavaScript regular expression, and V8's
// backtracking engine needs time exponential in the number of `*` when a path does not match:
// `*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b` against a 34-character name took 33 s, and every
// further character multiplies that. Here a glob compiles to a small nondeterministic automaton
// (Thompson's construction, as in RE2 or Rust's regex crate) that reads the path once, one
// character at a time, keeping the set of states it can be in: at most (states × characters)
// steps whatever the pattern, and a pattern's states are bounded by the limits below.
//
// The syntax is picomatch's as far as an ignore list needs it (pkg/README.md documents it; the
// differential test in pkg/test/glob.test.js compares the two): `*`, `?`, `[...]`, `**` as a
// whole path segment, `{a,b}` and `{1..3}`, `\` escapes, a leading `!` negates. Extended globs
// (`+(a|b)` and the like) are refused: their nested repetitions are what makes backtracking
// matchers blow up, and an ignore list has `{a,b}` for alternatives.

/** Longer patterns are refused: no path worth ignoring needs one, and states grow with length. */
export const MAX_GLOB_LENGTH = 1024;
/** Values that the brace ranges (`{1..300}`) of one pattern may expand to, all ranges together. */
export const MAX_RANGE_VALUES = 256;

/** A pattern that is refused; the message says why, for the config file's error list. */
export class GlobError extends Error {
  constructor(message) {
    super(message);
    this.name = 'GlobError';
  }
}

/**
 * Compiles `glob` to a function telling whether a `/`-separated relative path matches it.
 * Paths and patterns are compared exactly (case-sensitive), character by character (code points).
 *
 * @param {string} glob
 * @returns {(path: string) => boolean}
 * @throws {GlobError}
 */
export function compileGlob(glob) {
  if (glob.length > MAX_GLOB_LENGTH) {
    throw new GlobError(`the pattern is ${glob.length} characters long, over the limit of ${MAX_GLOB_LENGTH}`);
  }
  let start = 0;
  let negated = false;
  while (glob[start] === '!' && glob[start + 1] !== '(') {
    negated = !negated;
    start += 1;
  }
  // picomatch ignores a leading `./`: paths are relative to the config file's directory anyway.
  while (glob.startsWith('./', start)) start += 2;
  const parser = new Parser(glob);
  const program = compile(parser.sequence(start, glob.length));
  // As in picomatch, a path spelt exactly like the pattern matches it: `[draft].tf` in an ignore
  // list also ignores the file of that name, not only `d.tf`, `r.tf`, ...
  const literal = glob.slice(start);
  return (path) => (path === literal || run(program, path)) !== negated;
}

const SLASH = 0x2f;

// Parsing: a pattern becomes a list of nodes, each matching one character (`char`, `one` for `?`,
// `class`), a run of them (`star`: within a segment; `all`: across segments), zero or more whole
// directories (`dirs`, for `**/`), or one of several lists (`alt`).
class Parser {
  constructor(text) {
    this.text = text;
    this.rangeValues = 0;
  }

  /** The nodes of text[from, to): the whole pattern, or one alternative of a brace. */
  sequence(from, to) {
    const { text } = this;
    const nodes = [];
    // A brace alternative starts and ends a segment as the pattern does: `{**,x}` is `**` or `x`.
    const segmentStart = (i) => i === from || text[i - 1] === '/';
    let i = from;
    while (i < to) {
      const c = text[i];
      if (c === '\\' && i + 1 < to) {
        const cp = text.codePointAt(i + 1);
        nodes.push({ type: 'char', cp });
        i += 1 + (cp > 0xffff ? 2 : 1);
        continue;
      }
      if ('@*+?!'.includes(c) && text[i + 1] === '(') throw extendedGlob(c);
      if (c === '*') {
        let end = i;
        while (end < to && text[end] === '*') end += 1;
        if (text[end] === '(') throw extendedGlob('*');
        if (end - i === 2 && segmentStart(i) && (end === to || text[end] === '/')) {
          globstar(nodes, end < to);
          i = end < to ? end + 1 : end;
        } else {
          // Anywhere else, `**` (and `***`) is `*`, as in picomatch.
          nodes.push({ type: 'star' });
          i = end;
        }
        continue;
      }
      if (c === '?') {
        nodes.push({ type: 'one' });
        i += 1;
        continue;
      }
      if (c === '[') {
        const end = classEnd(text, i, to);
        if (end > 0) {
          nodes.push(parseClass(text.slice(i + 1, end - 1)));
          i = end;
          continue;
        }
      }
      if (c === '{') {
        const brace = this.brace(i, to);
        if (brace) {
          nodes.push(brace.node);
          i = brace.end;
          continue;
        }
      }
      // Anything else, an unclosed `[` or `{` among it, stands for itself.
      const cp = text.codePointAt(i);
      nodes.push({ type: 'char', cp });
      i += cp > 0xffff ? 2 : 1;
    }
    return nodes;
  }

  /** The alternatives of the brace at text[at], or undefined when it is not one (`{a}`, `{`). */
  brace(at, to) {
    const { text } = this;
    const commas = [];
    let depth = 0;
    let i = at;
    while (i < to) {
      const c = text[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '[') {
        const end = classEnd(text, i, to);
        if (end > 0) {
          i = end;
          continue;
        }
      }
      if (c === '{') depth += 1;
      else if (c === '}') {
        depth -= 1;
        if (depth === 0) break;
      } else if (c === ',' && depth === 1) commas.push(i);
      i += 1;
    }
    if (i >= to) return undefined;
    const end = i + 1;
    if (commas.length > 0) {
      const bounds = [at, ...commas, i];
      const alternatives = bounds.slice(1).map((stop, k) => this.sequence(bounds[k] + 1, stop));
      return { node: { type: 'alt', alternatives }, end };
    }
    const values = this.range(text.slice(at + 1, i));
    if (values === undefined) return undefined;
    const alternatives = values.map((value) => [...value].map((ch) => ({ type: 'char', cp: ch.codePointAt(0) })));
    return { node: { type: 'alt', alternatives }, end };
  }

  // `{1..10}`, `{01..10}` (zero-padded, as in Bash), `{a..e}`; anything else is not a range.
  range(body) {
    const numeric = /^(-?\d+)\.\.(-?\d+)$/.exec(body);
    const letters = /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
    if (!numeric && !letters) return undefined;
    const [from, to] = numeric ? [Number(numeric[1]), Number(numeric[2])] : [letters[1].charCodeAt(0), letters[2].charCodeAt(0)];
    const count = Math.abs(to - from) + 1;
    this.rangeValues += count;
    if (this.rangeValues > MAX_RANGE_VALUES) {
      throw new GlobError(`brace ranges expand to more than ${MAX_RANGE_VALUES} values`);
    }
    const step = to >= from ? 1 : -1;
    const padded = numeric && [numeric[1], numeric[2]].some((n) => /^-?0\d/.test(n));
    const width = numeric ? Math.max(numeric[1].length, numeric[2].length) : 0;
    const values = [];
    for (let k = 0, n = from; k < count; k += 1, n += step) {
      if (!numeric) values.push(String.fromCharCode(n));
      else if (padded) values.push(n < 0 ? `-${String(-n).padStart(width - 1, '0')}` : String(n).padStart(width, '0'));
      else values.push(String(n));
    }
    return values;
  }
}

function extendedGlob(c) {
  return new GlobError(`extended globs such as \`${c}(...)\` are not supported; write alternatives as {a,b}, or escape the parenthesis as \\(`);
}

// `**` as a whole segment: `**/` is zero or more directories; elsewhere (`legacy/**`, or a
// pattern that is only `**`) any characters, `/` included. Consecutive ones are one: `a/**/**`
// is `a/**`. Unlike picomatch, `legacy/**` does not match a file named `legacy` itself, only what
// is below the directory: the same for a directory's files, and `modules-*/**` never matches a
// top-level file either way.
function globstar(nodes, followedBySlash) {
  if (nodes.at(-1)?.type === 'dirs') {
    if (followedBySlash) return;
    nodes.pop();
  }
  nodes.push({ type: followedBySlash ? 'dirs' : 'all' });
}

// The index after the `]` closing the class that opens at text[at], or -1 when it is not closed.
// As in POSIX, a `]` right after `[`, `[!` or `[^` belongs to the class.
function classEnd(text, at, to) {
  let i = at + 1;
  if (text[i] === '!' || text[i] === '^') i += 1;
  if (text[i] === ']') i += 1;
  while (i < to) {
    if (text[i] === '\\') {
      i += 2;
      continue;
    }
    if (text.startsWith('[:', i)) {
      const close = text.indexOf(':]', i + 2);
      if (close > 0 && close + 2 <= to) {
        i = close + 2;
        continue;
      }
    }
    if (text[i] === ']') return i + 1;
    i += 1;
  }
  return -1;
}

// POSIX character classes, ASCII only, as picomatch defines them.
const POSIX = {
  alnum: (c) => isAlpha(c) || isDigit(c),
  alpha: (c) => isAlpha(c),
  ascii: (c) => c <= 0x7f,
  blank: (c) => c === 0x20 || c === 0x09,
  cntrl: (c) => c <= 0x1f || c === 0x7f,
  digit: (c) => isDigit(c),
  graph: (c) => c >= 0x21 && c <= 0x7e,
  lower: (c) => c >= 0x61 && c <= 0x7a,
  print: (c) => c >= 0x20 && c <= 0x7e,
  punct: (c) => c >= 0x21 && c <= 0x7e && !isAlpha(c) && !isDigit(c),
  space: (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d),
  upper: (c) => c >= 0x41 && c <= 0x5a,
  word: (c) => isAlpha(c) || isDigit(c) || c === 0x5f,
  xdigit: (c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66),
};
function isAlpha(c) {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isDigit(c) {
  return c >= 0x30 && c <= 0x39;
}

// The inside of `[...]`: single characters, ranges `a-z`, POSIX classes `[:alpha:]`, escapes;
// `!` or `^` first negates. A class never matches `/`, which only a `/` in the pattern matches.
function parseClass(body) {
  let i = 0;
  const negated = body[0] === '!' || body[0] === '^';
  if (negated) i = 1;
  const ranges = [];
  const classes = [];
  const next = () => {
    if (body[i] === '\\' && i + 1 < body.length) i += 1;
    const cp = body.codePointAt(i);
    i += cp > 0xffff ? 2 : 1;
    return cp;
  };
  while (i < body.length) {
    if (body.startsWith('[:', i)) {
      const close = body.indexOf(':]', i + 2);
      if (close > 0) {
        const name = body.slice(i + 2, close);
        if (!Object.hasOwn(POSIX, name)) {
          throw new GlobError(`unknown character class [:${name}:]; one of: ${Object.keys(POSIX).join(', ')}`);
        }
        classes.push(POSIX[name]);
        i = close + 2;
        continue;
      }
    }
    const lo = next();
    if (body[i] === '-' && i + 1 < body.length) {
      i += 1;
      ranges.push([lo, next()]);
    } else {
      ranges.push([lo, lo]);
    }
  }
  const inside = (c) => ranges.some(([lo, hi]) => c >= lo && c <= hi) || classes.some((test) => test(c));
  return { type: 'class', test: (c) => c !== SLASH && inside(c) !== negated };
}

// Compiling: instructions of a Pike VM. CHAR, ONE (any but `/`), ANY and CLASS read a character;
// SPLIT continues at both x and y, JMP at x; MATCH accepts.
const CHAR = 0;
const ONE = 1;
const ANY = 2;
const CLASS = 3;
const SPLIT = 4;
const JMP = 5;
const MATCH = 6;

function compile(nodes) {
  const program = [];
  emit(program, nodes);
  program.push({ op: MATCH });
  return program;
}

function emit(program, nodes) {
  for (const node of nodes) {
    switch (node.type) {
      case 'char':
        program.push({ op: CHAR, cp: node.cp });
        break;
      case 'one':
        program.push({ op: ONE });
        break;
      case 'class':
        program.push({ op: CLASS, test: node.test });
        break;
      case 'star':
        repeat(program, { op: ONE });
        break;
      case 'all':
        repeat(program, { op: ANY });
        break;
      case 'dirs': // (.*/)?
        optional(program, () => {
          repeat(program, { op: ANY });
          program.push({ op: CHAR, cp: SLASH });
        });
        break;
      case 'alt':
        alternatives(program, node.alternatives);
        break;
      default:
        throw new Error(`unknown glob node ${node.type}`);
    }
  }
}

function repeat(program, instruction) {
  const loop = program.length;
  program.push({ op: SPLIT, x: loop + 1, y: -1 }, instruction, { op: JMP, x: loop });
  program[loop].y = program.length;
}

function optional(program, body) {
  const split = program.length;
  program.push({ op: SPLIT, x: split + 1, y: -1 });
  body();
  program[split].y = program.length;
}

function alternatives(program, lists) {
  const exits = [];
  lists.forEach((list, k) => {
    if (k === lists.length - 1) {
      emit(program, list);
      return;
    }
    const split = program.length;
    program.push({ op: SPLIT, x: split + 1, y: -1 });
    emit(program, list);
    exits.push(program.length);
    program.push({ op: JMP, x: -1 });
    program[split].y = program.length;
  });
  for (const exit of exits) program[exit].x = program.length;
}

// Running: the set of states after each character, each state at most once (a generation
// number per instruction marks the ones already added for the current position).
function run(program, path) {
  const seen = new Int32Array(program.length).fill(-1);
  const stack = [];
  let generation = 0;
  const add = (list, pc) => {
    stack.push(pc);
    while (stack.length > 0) {
      const at = stack.pop();
      if (seen[at] === generation) continue;
      seen[at] = generation;
      const instruction = program[at];
      if (instruction.op === JMP) stack.push(instruction.x);
      else if (instruction.op === SPLIT) stack.push(instruction.y, instruction.x);
      else list.push(at);
    }
  };
  let current = [];
  let next = [];
  add(current, 0);
  for (const ch of path) {
    const c = ch.codePointAt(0);
    generation += 1;
    next.length = 0;
    for (const at of current) {
      if (reads(program[at], c)) add(next, at + 1);
    }
    [current, next] = [next, current];
    if (current.length === 0) return false;
  }
  return current.some((at) => program[at].op === MATCH);
}

function reads(instruction, c) {
  switch (instruction.op) {
    case CHAR:
      return c === instruction.cp;
    case ONE:
      return c !== SLASH;
    case ANY:
      return true;
    case CLASS:
      return instruction.test(c);
    default:
      return false; // MATCH reads nothing
  }
}
