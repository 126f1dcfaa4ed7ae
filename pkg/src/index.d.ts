/**
 * keymgmt-lint: a linter for Terraform configurations of HashiCorp Vault's Key Management
 * secrets engine. The linting runs in a WebAssembly build of the Rust core, loaded synchronously
 * when this module is imported. The same API is available from CommonJS (`require('keymgmt-lint')`,
 * which loads `dist/index.cjs`, with these declarations as `dist/index.d.cts`).
 */

/** One input file of a module, with its content. */
export interface SourceFile {
  /** The path as it should appear in diagnostics; its ending (`.tf`, `.tf.json`, `.tfvars`, `.tfvars.json`) says how it is parsed. */
  path: string;
  /** The file's content: a string, or its bytes (as `fs.readFileSync(path)` gives them); bytes that are not UTF-8 text are a `parse-error`. */
  text: string | Uint8Array;
}

/**
 * A file the caller did not read, which {@link lint} reports as a `parse-error` of that file:
 * `{ size }` for one over the per-file or the module's size limit, `{ reason }` for one that is
 * not a regular file (a pipe, socket or device).
 */
export interface UnreadFile {
  /** As {@link SourceFile.path}. */
  path: string;
  text?: undefined;
  unread: { size: number } | { reason: string };
}

// BEGIN generated from the Rust types by src/typescript.rs: do not edit.
/** How bad a finding is: `error` (apply fails or the config is wrong), `warning` (works but risky), `info`. */
export type Severity = 'error' | 'warning' | 'info';

/** A point in a file. */
export interface Position {
  /** 1-based line number. */
  line: number;
  /** 1-based column, counted in UTF-16 code units (as JavaScript strings and editors count). */
  column: number;
  /** 0-based offset in UTF-8 bytes from the start of the file. */
  offset: number;
}

/** A span of a file; `end` is exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/** Another place that explains a diagnostic, such as the key whose `type` a distribution conflicts with. */
export interface Related {
  file: string;
  range: Range;
  message: string;
}

/** One finding. */
export interface Diagnostic {
  /** The id of the rule that found it, e.g. `purpose-key-type`. */
  rule: string;
  severity: Severity;
  /** One sentence naming the resource; never contains the value of a sensitive argument. */
  message: string;
  /** The path of the file, as given in {@link SourceFile.path}. */
  file: string;
  /** The narrowest span at fault: the offending value rather than its whole block. */
  range: Range;
  /** How to fix it, when the rule knows. */
  help?: string;
  /** Other places involved; empty when there are none. */
  related: Array<Related>;
  /** The address of the resource concerned, e.g. `vault_keymgmt_distribute_key.aws_dist`. */
  resource?: string;
  /** Ways to fix it by editing {@link Diagnostic.file}; absent when the rule has none here. */
  fixes?: Array<Fix>;
}

/**
 * A fix: edits of the diagnostic's file, applied together. `safe`: the meaning cannot change
 * (a typo with one candidate, a slip of case, a string where a one-element list is required, a
 * missing `depends_on`); `unsafe`: it does (renaming `path` to `mount` for provider 5.x).
 * Edits never overlap; none holds a value the file does not already have at that place.
 */
export interface Fix {
  title: string;
  safety: 'safe' | 'unsafe';
  edits: Array<Edit>;
}

/** `range` of the file replaced by `text`: an insertion where the range is empty. */
export interface Edit {
  range: Range;
  text: string;
}

/** Counts over one lint run. */
export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  /** Files read. */
  files: number;
  /** Resources found in the module. */
  resources: number;
}

/** The result of {@link lint}: diagnostics sorted by file and position. */
export interface Report {
  diagnostics: Array<Diagnostic>;
  summary: Summary;
  /**
   * Directories of local module calls (or of installed remote ones, with `callModuleType:
   * 'all'`) that no file given belongs to: lint again with their `.tf` files added to follow
   * them. Absent when there are none.
   */
  missingModules?: Array<string>;
  /**
   * Files that `file()`, `fileexists()`, `filebase64()` or `templatefile()` read, in the root
   * module's directory tree, that were not among the files given (their values are unknown):
   * lint again with them added to evaluate those calls. Absent when there are none.
   */
  missingFiles?: Array<string>;
  /**
   * Which generation of the provider's keymgmt resources the configuration was checked
   * against, and why. Absent for plans.
   */
  schemaGeneration?: SchemaGeneration;
}

/** The generation a configuration pins through the Vault provider's version, if any. */
export interface SchemaGeneration {
  /**
   * `'5.x'` when a `required_providers` constraint on `hashicorp/vault` admits only 5.9.0 and
   * later, or the root module's `.terraform.lock.hcl` locks such a version; `null` when
   * nothing pins it and each resource is read as the generation its mount argument names.
   */
  pinned: '5.x' | null;
  /** Why, in words. */
  reason: string;
  /** The file where the pin is written. */
  file?: string;
  range?: Range;
}

/** What a rule can be set to in {@link Options.rules}: off, on with its default severity, or another severity. */
export type RuleSetting = 'off' | 'on' | 'error' | 'warning' | 'info';

/** What a caller can ask of one lint run. Unknown keys are rejected with a `TypeError`. */
export interface Options {
  /** Per-rule settings by rule id; rules not named keep their default. An unknown id is a `TypeError`. */
  rules?: { [key in string]: RuleSetting };
  /** When given, only these rules run. */
  only?: Array<string>;
  /** Values of input variables, as `terraform -var` gives them; they win over `.tfvars` files and defaults. */
  variables?: { [key in string]: unknown };
  /**
   * `TF_VAR_<name>` environment variables of the root module, by variable name (without the
   * prefix), as the text set: they win over defaults and lose to `.tfvars` files and
   * `variables`, as in Terraform. A variable with no `type`, or a `string`, `number` or `bool`
   * one, takes the text as it is; any other reads it as an HCL expression. Names the module
   * does not declare are ignored.
   */
  environment?: { [key in string]: string };
  /**
   * What the configuration cannot show about KMS providers, by the provider's `name`: the Azure
   * Key Vault SKU (`standard` has no HSMs), whether HSM protection is available at all.
   */
  providers?: { [key in string]: ProviderSettings };
  /**
   * Which module calls to follow, as tflint's `call_module_type`: `local` (the default) follows
   * calls whose `source` is a local path into the files given for that directory; `all` also
   * follows registry, git and http modules into the directories `terraform init` installed
   * them in, read from `.terraform/modules/modules.json` when it is among the files; `none`
   * follows none. A module not followed has unknown outputs.
   */
  callModuleType?: CallModuleType;
  /**
   * When given, only the diagnostics of these files (paths as in the files given) are reported,
   * and the summary counts them and these files: the module is still linted whole, for context,
   * as the CLI does for files named on the command line.
   */
  reportFiles?: Array<string>;
  /**
   * Test-only: makes the core panic, to prove that callers get an {@link InternalError} and that
   * the next call works. Never set it in real use.
   */
  __testPanic?: boolean;
}

/** Which module calls to follow, as tflint's `call_module_type` chooses: {@link Options.callModuleType}. */
export type CallModuleType = 'local' | 'all' | 'none';

/** Facts about one KMS provider that lint rules cannot read from the configuration. */
export interface ProviderSettings {
  /** Azure Key Vault SKU: `standard` or `premium`. */
  sku?: 'standard' | 'premium';
  /** Whether HSM protection is available (GCP: Cloud HSM in the key ring's location). */
  hsm?: boolean;
}

/** A parsed `.keymgmt-lint.json`: lint options plus the paths not to lint. */
export interface Config {
  options: Options;
  /** Glob patterns, relative to the config file's directory. */
  ignore: Array<string>;
  /** Where the rule pages are published: SARIF links each rule to this URL + `RULE.md`. */
  docsBaseUrl?: string;
}

/** One problem of an invalid config file, positioned like a diagnostic. */
export interface ConfigProblem {
  message: string;
  file: string;
  range: Range;
}

/** Where one input variable of the root module gets its value: see {@link variableSources}. */
export interface VariableSource {
  name: string;
  /** Whether the root module has a `variable` block for it. */
  declared: boolean;
  sensitive: boolean;
  /**
   * `'default'`, `'TF_VAR_<name>'` (from `options.environment`), a `.tfvars` file's path or
   * `'variables'` (from `options.variables`), in Terraform's order: the last one is where the
   * value comes from; empty for a declared variable that nothing gives a value.
   */
  sources: Array<string>;
}

/** One keymgmt resource in {@link graph}. */
export interface GraphNode {
  /** The resource address; edges refer to it. */
  id: string;
  kind: 'mount' | 'key' | 'kms' | 'distribution' | 'replication' | 'rotation';
  resourceType: string;
  /** The Vault-side name (`name`, a mount's `path`) where known, else the resource name. */
  title: string;
  /** Known values worth showing: `type`, `provider`, `keyCollection`, `purpose`, `protection`. */
  facts: Partial<Record<'type' | 'provider' | 'keyCollection' | 'purpose' | 'protection', string>>;
  file: string;
  /** The block's header. */
  range: Range;
}

/** A link in {@link graph}: mount → key / KMS provider, key → distribution → KMS provider, the same for replications, and key → rotation. */
export interface GraphEdge {
  from: string;
  to: string;
  kind: 'mount' | 'distribution' | 'replication' | 'rotation';
}

/** A rule's description, as {@link rules} lists it. */
export interface RuleMeta {
  /** Stable kebab-case id, used in diagnostics and {@link Options.rules}. */
  id: string;
  /** Human-readable name. */
  name: string;
  /** Default severity. */
  severity: Severity;
  /** One-line summary. */
  summary: string;
  /** Full documentation in Markdown: what, why, bad and good examples. */
  docs: string;
  /**
   * Which fixes its diagnostics may carry ({@link Fix.safety}); the page's `## Fix` section says
   * what they do.
   */
  fixes: 'none' | 'safe' | 'unsafe' | 'safeAndUnsafe';
}
// END generated from the Rust types.


/** A JSON Schema document (draft 2020-12) describing one resource type's arguments. */
export type JsonSchema = { [keyword: string]: unknown };

/**
 * Lints one Terraform module: the `.tf` / `.tf.json` files of one directory plus optional
 * `.tfvars` / `.tfvars.json` files, which are applied in the order given (later wins).
 * Syntax errors are diagnostics (rule `parse-error`), not exceptions.
 *
 * @throws {TypeError} when the arguments have the wrong shape or name an unknown rule or option.
 * @throws {InternalError} when the core itself fails; the next call works again.
 */
export function lint(files: readonly (SourceFile | UnreadFile)[], options?: Options): Report;

/**
 * The directories of the modules that the configuration files in `files` call and that
 * `options.callModuleType` says to follow: those that local calls (`./modules/kms`) name,
 * relative to each file's directory and normalised (`infra/modules/kms`), and with `'all'` those
 * a `.terraform/modules/modules.json` among the files lists. Each once, in order. Only the files
 * are parsed, nothing is linted: how a tool that reads files finds what to read before it lints
 * (the CLI does), and tells root modules from the modules they call.
 *
 * @throws {TypeError} when the arguments have the wrong shape. @throws {InternalError} as {@link lint}.
 */
export function calledModules(files: readonly SourceFile[], options?: Options): string[];

/**
 * Where each input variable of the root module among `files` gets its value, by name: names
 * and places only, never values (a variable may be sensitive). Variables that a `.tfvars` file
 * or `options.variables` sets without a `variable` block are listed too, with `declared: false`.
 *
 * @throws {TypeError} when the arguments have the wrong shape. @throws {InternalError} as {@link lint}.
 */
export function variableSources(files: readonly SourceFile[], options?: Options): VariableSource[];

/**
 * Lints the output of `terraform show -json <planfile>`: resources from `planned_values` (child
 * modules included) with their resolved values; diagnostics point into the plan JSON, whose
 * `path` (default `plan.json`) they name. Rules about the configuration's text do not run.
 *
 * @throws {TypeError} when the options are wrong. @throws {InternalError} as {@link lint}.
 */
export function lintPlan(text: string, options?: Options, path?: string): Report;

/** The module's keymgmt resources and how they connect, as the core resolves them. */
export function graph(files: readonly SourceFile[], options?: Options): { nodes: GraphNode[]; edges: GraphEdge[] };

/**
 * Reads a `.keymgmt-lint.json` (its text and path) into options.
 *
 * @throws {ConfigError} with every problem and its position when the file is not valid.
 */
export function readConfig(text: string, path: string): Config;

/** The JSON Schema of `.keymgmt-lint.json`. */
export function configSchema(): JsonSchema;

/** An invalid `.keymgmt-lint.json`; `errors` holds every problem with its position. */
export class ConfigError extends Error {
  readonly errors: ConfigProblem[];
}

/** Every rule the linter knows, with its default severity and documentation. */
export function rules(): RuleMeta[];

/** The JSON Schema of each resource type the linter validates, keyed by resource type (e.g. `vault_keymgmt_key`). */
export function schemas(): Record<string, JsonSchema>;

/** The version of the linter core, e.g. `0.1.0`. */
export function version(): string;

/** The output formats of {@link format} and of the CLI's `--format` (written by scripts/gen-types.js). */
export type FormatName = 'stylish' | 'json' | 'sarif' | 'github' | 'junit';

/** What {@link format} can be told besides the report. Unknown keys are rejected with a `TypeError`. */
export interface FormatOptions {
  /** `stylish`: colour with ANSI escapes. Default `false`. */
  color?: boolean;
  /**
   * `sarif`: the absolute directory that relative paths are relative to; recorded as the
   * `%SRCROOT%` base, and absolute paths under it are made relative. The CLI passes its working
   * directory.
   */
  cwd?: string;
  /**
   * `junit`: every file that was linted, so that a file without diagnostics shows as a passing
   * testcase. Files with diagnostics are included either way.
   */
  files?: string[];
  /**
   * `sarif`: absolute URL under which `<rule-id>.md` is each rule's documentation (the
   * repository's `docs/rules/`); it becomes each rule's `helpUri` and the driver's
   * `informationUri`. Without it they are left out, since SARIF wants absolute URIs there; the
   * rule documentation is in each rule's `help` either way.
   */
  docsBaseUrl?: string;
}

/**
 * Renders a report the way the CLI prints it: `stylish` (for people; empty when clean), `json`
 * (the Report), `sarif` (SARIF 2.1.0, with every rule's documentation), `github` (GitHub Actions
 * workflow commands, one line per diagnostic) or `junit` (JUnit XML, one testcase per file and
 * rule). No format contains more of the linted files than the diagnostics do, so never the value
 * of a sensitive argument.
 *
 * @throws {TypeError} for an unknown format name or option, or a report of the wrong shape.
 */
export function format(report: Report, name: FormatName, options?: FormatOptions): string;

/**
 * A failure inside the linter itself (a Rust panic or a WebAssembly trap): a bug to report,
 * whatever the input. Its message is one line; `cause` holds the original trap.
 */
export class InternalError extends Error {
  name: 'InternalError';
  constructor(message?: string, options?: ErrorOptions);
}
