// Command-line parsing: turns argv into a plain settings object or throws UsageError.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { closest } from './suggest.js';
import { FORMATS, FORMAT_NAMES } from '../format/index.js';

const HELP_BEFORE = `Usage: keymgmt-lint [options] [paths...]

Lints Terraform configurations of HashiCorp Vault's Key Management secrets engine.
Each directory is one root module (its *.tf, *.tf.json, terraform.tfvars[.json] and
*.auto.tfvars[.json]; subdirectories only with --recursive). A file named directly is
linted with the rest of its directory's module, and only its own problems are reported.
The modules it calls are read from the directories their sources name.
The default path is the current directory.

Options:`;
const HELP_AFTER = `Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage or internal error,
or the report could not be written.
Colour is used on a terminal unless NO_COLOR is set or TERM is dumb; FORCE_COLOR forces it.`;

const RULE_SETTINGS = ['off', 'on', 'error', 'warning', 'info'];
const CALL_MODULE_TYPES = ['local', 'all', 'none'];
// Loose on purpose: an id of the right shape that the core does not know gets its own message.
const RULE_ID = /^[A-Za-z0-9_-]+$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

// Every option: how parseArgs reads it, and its lines of the help (`usage`: the argument it takes
// and the description, as wrapped in the help).
const OPTIONS = {
  'var-file': {
    type: 'string', multiple: true, default: [],
    usage: [
      { arg: 'FILE', help: [
        'apply a .tfvars / .tfvars.json file (repeatable, later wins)',
      ] },
    ],
  },
  var: {
    type: 'string', multiple: true, default: [],
    usage: [
      { arg: 'NAME=VALUE', help: [
        'set a variable; VALUE is JSON if it parses, else a string (repeatable)',
        '(TF_VAR_NAME environment variables are read too, as Terraform',
        'reads them: after defaults, before any .tfvars file)',
      ] },
    ],
  },
  format: {
    type: 'string', short: 'f', default: 'stylish',
    usage: [
      { arg: 'FORMAT', help: wrap(listOf(FORMATS.map(({ name, description }) => (description ? `${name} (${description})` : name)))) },
    ],
  },
  'output-file': {
    type: 'string', short: 'o',
    usage: [
      { arg: 'FILE', help: [
        'write the report to FILE instead of stdout (missing folders are made)',
      ] },
    ],
  },
  'call-module-type': {
    type: 'string',
    usage: [
      { arg: 'T', help: [
        'which module calls to follow: local (default; sources that are',
        "local paths), all (also remote modules 'terraform init' installed)",
        'or none',
      ] },
    ],
  },
  plan: {
    type: 'string',
    usage: [
      { arg: 'FILE', help: [
        "lint the output of 'terraform show -json PLANFILE' (- for stdin)",
      ] },
    ],
  },
  recursive: {
    type: 'boolean', short: 'r', default: false,
    usage: [
      { help: [
        'lint every module in and below each directory: each root module',
        'once, with the modules it calls; a module that another one calls',
        'is linted through its callers only (skips .terraform, node_modules,',
        '.git and symbolic links to directories)',
      ] },
    ],
  },
  'include-called-modules': {
    type: 'boolean', default: false,
    usage: [
      { help: [
        'with --recursive, also lint each called module as a root of its own',
      ] },
    ],
  },
  jobs: {
    type: 'string', short: 'j',
    usage: [
      { arg: 'N', help: [
        'with --recursive, lint N root modules at once: on the main thread and',
        'N-1 worker threads (default: one per core); 1 lints on the main thread only',
      ] },
    ],
  },
  changed: {
    type: 'string', multiple: true,
    usage: [
      { arg: 'FILE', help: [
        'with --recursive, lint only the root modules whose configuration',
        '(the root or a module it calls) has FILE in its directory',
        "(repeatable; the pre-commit hook's choice of modules)",
      ] },
    ],
  },
  config: {
    type: 'string', short: 'c',
    usage: [
      { arg: 'FILE', help: [
        'use this config file instead of the nearest .keymgmt-lint.json',
      ] },
    ],
  },
  'no-config': {
    type: 'boolean', default: false,
    usage: [
      { help: [
        'use no config file',
      ] },
    ],
  },
  'print-config': {
    type: 'boolean', default: false,
    usage: [
      { help: [
        'print the settings each module would be linted with, as JSON',
        "(config file, rules, where each variable's value comes from,",
        'provider facts; never a value), and exit',
      ] },
    ],
  },
  'print-schema': {
    type: 'string',
    usage: [
      { arg: 'NAME', help: [
        "print the JSON Schema of a resource type, of 'config'",
        "(.keymgmt-lint.json), or 'all', and exit",
      ] },
    ],
  },
  'list-rules': {
    type: 'boolean', default: false,
    usage: [
      { help: [
        'list the rules (id, default severity, summary) and exit; JSON',
        'with --format json',
      ] },
    ],
  },
  explain: {
    type: 'string',
    usage: [
      { arg: 'RULE', help: [
        'print the documentation of a rule and exit',
      ] },
    ],
  },
  rule: {
    type: 'string', multiple: true, default: [],
    usage: [
      { arg: 'ID', help: [
        'run only this rule; repeatable, every rule named with --rule runs',
      ] },
      { arg: 'ID=SETTING', help: [
        'set a rule to off, on, error, warning or info (repeatable)',
      ] },
    ],
  },
  disable: {
    type: 'string', multiple: true, default: [],
    usage: [
      { arg: 'ID', help: [
        'do not run this rule, the same as --rule ID=off (repeatable)',
      ] },
    ],
  },
  'docs-base-url': {
    type: 'string',
    usage: [
      { arg: 'URL', help: [
        'sarif: the URL under which RULE.md documents each rule (helpUri)',
      ] },
    ],
  },
  stdin: {
    type: 'boolean', default: false,
    usage: [
      { help: [
        'lint standard input as the file --stdin-filename names (it need not',
        "exist), with the rest of its directory's module; only its problems",
        'are reported (for editors and scripts)',
      ] },
    ],
  },
  'stdin-filename': {
    type: 'string',
    usage: [
      { arg: 'PATH', help: [
        'with --stdin: the file the text stands for',
      ] },
    ],
  },
  fix: {
    type: 'boolean', default: false,
    usage: [
      { help: [
        'apply the safe fixes to the files, then report what remains',
      ] },
    ],
  },
  'fix-unsafe': {
    type: 'boolean', default: false,
    usage: [
      { help: [
        'apply the unsafe fixes too (they change what the configuration means)',
      ] },
    ],
  },
  'fix-dry-run': {
    type: 'boolean', default: false,
    usage: [
      { help: [
        'print the fixes as a unified diff instead, writing nothing',
        '(with --fix-unsafe: the unsafe ones too)',
      ] },
    ],
  },
  quiet: {
    type: 'boolean', short: 'q', default: false,
    usage: [
      { help: [
        'report errors only',
      ] },
    ],
  },
  'max-warnings': {
    type: 'string',
    usage: [
      { arg: 'N', help: [
        'exit 1 when there are more than N warnings (-1: no limit)',
      ] },
    ],
  },
  'no-color': {
    type: 'boolean', default: false,
    usage: [
      { help: [
        'never colour the output',
      ] },
    ],
  },
  help: {
    type: 'boolean', short: 'h', default: false,
    usage: [
      { help: [
        'show this help',
      ] },
    ],
  },
  version: {
    type: 'boolean', short: 'v', default: false,
    usage: [
      { help: [
        'show the version',
      ] },
    ],
  },
};

// The help is made from the table: each option's usage lines, its flag in a column of its own
// (on a line of its own when too long for it).
const FLAG_COLUMN = 23;
export const HELP = [
  HELP_BEFORE,
  ...Object.entries(OPTIONS).flatMap(([name, { short, usage }]) =>
    usage.flatMap(({ arg, help }) => {
      const flag = `${short ? `-${short}, ` : ''}--${name}${arg ? ` ${arg}` : ''}`;
      const indent = ' '.repeat(FLAG_COLUMN + 2);
      const [first, ...rest] = help;
      const lead = flag.length < FLAG_COLUMN ? [`  ${flag.padEnd(FLAG_COLUMN)}${first}`] : [`  ${flag}`, `${indent}${first}`];
      return [...lead, ...rest.map((line) => `${indent}${line}`)];
    }),
  ),
  '',
  HELP_AFTER,
].join('\n');

/**
 * @returns {object} the settings; `paths` are the positional arguments as given, possibly none
 *   (the caller decides what none means: the current directory, or no staged file)
 */
export function parseCliArgs(argv) {
  // Not strict: Node's own messages for unknown options and missing values are several lines
  // long and name none of the options meant; checkTokens says the same in one line, with a
  // did-you-mean. Not strict also takes `--max-warnings -1` as the option and its value.
  const { values, positionals, tokens } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  checkTokens(tokens, argv);
  if (!FORMAT_NAMES.includes(values.format)) {
    throw new UsageError(`unknown format '${values.format}' (expected ${FORMAT_NAMES.join(', ')})`, { pointToHelp: true });
  }
  if (values.plan !== undefined && positionals.length > 0) {
    throw new UsageError('--plan lints a plan instead of paths; give one or the other', { pointToHelp: true });
  }
  const callModuleType = values['call-module-type'];
  if (callModuleType !== undefined && !CALL_MODULE_TYPES.includes(callModuleType)) {
    throw new UsageError(`unknown --call-module-type '${callModuleType}' (expected ${CALL_MODULE_TYPES.join(', ')})`, { pointToHelp: true });
  }
  const recursive = values.recursive;
  for (const flag of ['include-called-modules', 'jobs', 'changed']) {
    if (values[flag] !== undefined && values[flag] !== false && !recursive) {
      throw new UsageError(`--${flag} applies to --recursive`, { pointToHelp: true });
    }
  }
  if (recursive && values.plan !== undefined) {
    throw new UsageError('--plan lints a plan instead of paths; give one or --recursive', { pointToHelp: true });
  }
  if (values['print-config'] && (recursive || values.plan !== undefined)) {
    throw new UsageError('--print-config shows the settings of the modules named, without --recursive or --plan', { pointToHelp: true });
  }
  if (values['list-rules'] && !['stylish', 'json'].includes(values.format)) {
    throw new UsageError('--list-rules prints text, or JSON with --format json', { pointToHelp: true });
  }
  const fixing = values.fix || values['fix-unsafe'] || values['fix-dry-run'];
  if (values.stdin !== (values['stdin-filename'] !== undefined)) {
    throw new UsageError('--stdin and --stdin-filename PATH go together: the text of standard input stands for that file', { pointToHelp: true });
  }
  if (values.stdin && (recursive || values.plan !== undefined || positionals.length > 0 || fixing)) {
    throw new UsageError('--stdin lints one file from standard input: no paths, --recursive, --plan or --fix with it', { pointToHelp: true });
  }
  if (fixing && values.plan !== undefined) {
    throw new UsageError('--fix edits configuration files; a plan has none to fix', { pointToHelp: true });
  }
  if (values['output-file'] === '') {
    throw new UsageError('--output-file expects a file name', { pointToHelp: true });
  }
  const docsBaseUrl = values['docs-base-url'];
  if (docsBaseUrl !== undefined && !URL.canParse(docsBaseUrl)) {
    throw new UsageError(`--docs-base-url expects an absolute URL, got '${docsBaseUrl}'`, { pointToHelp: true });
  }
  return {
    paths: positionals,
    varFiles: values['var-file'],
    variables: parseVariables(values.var),
    ...parseRules(values.rule, values.disable),
    format: values.format,
    outputFile: values['output-file'],
    plan: values.plan,
    callModuleType,
    config: values.config,
    noConfig: values['no-config'],
    printConfig: values['print-config'],
    stdinFilename: values.stdin ? values['stdin-filename'] : undefined,
    fix: values.fix || values['fix-unsafe'],
    fixUnsafe: values['fix-unsafe'],
    fixDryRun: values['fix-dry-run'],
    printSchema: values['print-schema'],
    listRules: values['list-rules'],
    explain: values.explain,
    docsBaseUrl,
    recursive,
    includeCalledModules: values['include-called-modules'],
    jobs: parseJobs(values.jobs),
    changed: values.changed,
    quiet: values.quiet,
    maxWarnings: parseMaxWarnings(values['max-warnings']),
    noColor: values['no-color'],
    help: values.help,
    version: values.version,
  };
}

// What strict parsing would refuse, each said in one line. A value is never echoed: it may be
// a secret (`--var`), and only the option's name tells the user what to fix.
function checkTokens(tokens, argv) {
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = OPTIONS[token.name];
    const written = argv[token.index];
    // `-var-file=x` (Terraform spells its options with one dash) reads as the short options
    // -v -a -r ...: the user meant the long option of that name.
    const single = /^-([a-z][a-z-]+)(=|$)/.exec(written);
    if (!token.rawName.startsWith('--') && single && OPTIONS[single[1]]) {
      throw unknownOption(`-${single[1]}`, `--${single[1]}`);
    }
    if (!spec) {
      throw unknownOption(token.rawName, token.rawName.startsWith('--') ? closest(token.rawName, LONG_NAMES) : undefined);
    }
    const name = spec.short ? `-${spec.short}, --${token.name}` : `--${token.name}`;
    if (spec.type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`${name} takes no value`, { pointToHelp: true });
    }
    if (spec.type === 'string' && token.value === undefined) {
      throw new UsageError(`${name} expects a value`, { pointToHelp: true });
    }
    // `--var-file --quiet` is a forgotten value rather than a file named `--quiet`; a negative
    // number (`--max-warnings -1`) and `-` (standard input) are values.
    if (spec.type === 'string' && !token.inlineValue && /^-./.test(token.value) && !/^-\d+$/.test(token.value)) {
      throw new UsageError(`${name} expects a value; write one that starts with '-' as --${token.name}=VALUE`, { pointToHelp: true });
    }
  }
}

const LONG_NAMES = Object.keys(OPTIONS).map((name) => `--${name}`);

function unknownOption(written, suggestion) {
  const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
  return new UsageError(`unknown option '${written}'${hint}`, { pointToHelp: true });
}

function parseVariables(assignments) {
  const variables = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    const name = assignment.slice(0, eq);
    // Never echo the argument: what follows `=`, or a whole argument without one, may be a secret.
    if (eq < 0) throw new UsageError("--var expects NAME=VALUE, and one argument has no '='", { pointToHelp: true });
    if (!VARIABLE_NAME.test(name)) {
      const what = name === '' ? 'an empty name' : `'${name}', which is not a variable name`;
      throw new UsageError(`--var expects NAME=VALUE, and one argument has ${what}`, { pointToHelp: true });
    }
    variables[name] = parseValue(assignment.slice(eq + 1));
  }
  return variables;
}

// `--var n=3` means the number and `--var tags='["a"]'` a list, but `--var region=us-east-1`
// must stay a string without the user quoting it twice.
function parseValue(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// `--rule ID` selects rules (options.only), `--rule ID=SETTING` and `--disable ID` set them
// (options.rules). Once any rule is selected, every rule named with --rule is, whatever its
// setting: `--rule a --rule b=warning` runs `a`, and `b` as a warning. `--disable` wins over
// --rule. Rule ids are checked against the core's list later (main.js), which knows them; only
// the spelling of the flags is checked here.
function parseRules(ruleArgs, disableArgs) {
  const rules = {};
  const named = [];
  const ruleIds = [];
  let selecting = false;
  for (const arg of ruleArgs) {
    const [id, setting, ...rest] = arg.split('=');
    if (!RULE_ID.test(id) || (setting !== undefined && !RULE_SETTINGS.includes(setting)) || rest.length > 0) {
      throw new UsageError(`--rule expects ID or ID=${RULE_SETTINGS.join('|')}, got '${arg}'`, { pointToHelp: true });
    }
    if (setting === undefined) selecting = true;
    else rules[id] = setting;
    if (!named.includes(id)) named.push(id);
    ruleIds.push({ flag: '--rule', id });
  }
  for (const id of disableArgs) {
    if (!RULE_ID.test(id)) {
      throw new UsageError(`--disable expects a rule id, got '${id}'`, { pointToHelp: true });
    }
    rules[id] = 'off';
    ruleIds.push({ flag: '--disable', id });
  }
  return { rules, ...(selecting && { only: named }), ruleIds };
}

// -1 is no limit, as in ESLint: a script can always pass the option, with or without a limit.
function parseMaxWarnings(text) {
  if (text === undefined || text === '-1') return undefined;
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`--max-warnings expects a non-negative integer or -1 (no limit), got '${text}'`, { pointToHelp: true });
  }
  return Number(text);
}

// Each thread holds a WebAssembly core of its own (tens of MiB): more threads than a few per core
// only cost memory, so a larger --jobs is held to that.
const MAX_JOBS_PER_CORE = 4;

function parseJobs(text) {
  if (text === undefined) return availableParallelism();
  if (!/^[1-9]\d*$/.test(text)) {
    throw new UsageError(`--jobs expects a positive integer, got '${text}'`, { pointToHelp: true });
  }
  return Math.min(Number(text), availableParallelism() * MAX_JOBS_PER_CORE);
}

// `a, b or c`.
function listOf(items) {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : items.join('');
}

/** The help's description column: lines of at most 70 characters, broken between words. */
function wrap(text, width = 70) {
  const lines = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}
