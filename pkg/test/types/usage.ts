// Compiled by `npm run typecheck` (and test/types.test.js): the declarations must accept real
// use and reject misuse; each @ts-expect-error fails the build if its line ever typechecks.
import { format, graph, lint, rules, schemas, version, InternalError } from 'keymgmt-lint';
import type { Diagnostic, FormatName, FormatOptions, Options, Position, Range, Related, Report, RuleMeta, Severity, SourceFile, UnreadFile } from 'keymgmt-lint';

const files: SourceFile[] = [{ path: 'main.tf', text: 'resource "vault_mount" "m" {}' }];
const notRead: UnreadFile[] = [
  { path: 'big.tf', unread: { size: 40_000_000 } },
  { path: 'fifo.tf', unread: { reason: 'not a regular file' } },
];
lint([...files, ...notRead]);
// @ts-expect-error graph() reads the files' text
graph(notRead);
const options: Options = {
  rules: { 'invalid-value': 'warning', 'unknown-argument': 'off' },
  only: ['invalid-value'],
  variables: { region: 'us-east-1', purposes: ['encrypt'] },
};

const report: Report = lint(files, options);
const first: Diagnostic | undefined = report.diagnostics[0];
if (first) {
  const severity: Severity = first.severity;
  const range: Range = first.range;
  const start: Position = range.start;
  const line: number = start.line + start.column + start.offset;
  const help: string | undefined = first.help;
  const related: Related[] = first.related;
  const resource: string | undefined = first.resource;
  void [severity, line, help, related, resource];
}
const total: number = report.summary.errors + report.summary.warnings + report.summary.infos + report.summary.files + report.summary.resources;
const metas: RuleMeta[] = rules();
const docs: string = metas[0]?.docs ?? '';
const keySchema: unknown = schemas()['vault_keymgmt_key'];
const v: string = version();
void [total, docs, keySchema, v, lint(files)];

try {
  lint(files);
} catch (error) {
  if (error instanceof InternalError) {
    const message: string = error.message;
    void message;
  }
}

const formatOptions: FormatOptions = { color: true, cwd: '/repo', files: ['main.tf'], docsBaseUrl: 'https://example.invalid/docs/rules/' };
const formats: FormatName[] = ['stylish', 'json', 'sarif', 'github', 'junit'];
const outputs: string[] = formats.map((name) => format(report, name, formatOptions));
const plain: string = format(report, 'sarif');
void [outputs, plain];
// @ts-expect-error formats are stylish, json, sarif, github or junit
format(report, 'xml');
// @ts-expect-error unknown format options are rejected
format(report, 'json', { colour: true });
// @ts-expect-error format() takes a Report, not files
format(files, 'json');

// @ts-expect-error files must be a list of { path, text }
lint('main.tf');
// @ts-expect-error a file needs its text
graph([{ path: 'main.tf' }]);
// @ts-expect-error a file needs its text, or why it was not read
lint([{ path: 'main.tf' }]);
// @ts-expect-error severities are error, warning or info
lint(files, { rules: { 'invalid-value': 'fatal' } });
// @ts-expect-error unknown option keys are rejected
lint(files, { colour: true });
// @ts-expect-error a diagnostic's severity is not any string
const loose: 'fatal' = report.diagnostics[0]!.severity;
// @ts-expect-error line numbers are numbers
const asText: string = report.diagnostics[0]!.range.start.line;
void [loose, asText];
