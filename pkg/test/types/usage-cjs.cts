// The declarations as CommonJS code sees them (the package's `require` condition,
// dist/index.d.cts): compiled by test/types.test.js alongside usage.ts.
import keymgmt = require('keymgmt-lint');

const report: keymgmt.Report = keymgmt.lint([{ path: 'main.tf', text: '' }], { rules: { 'invalid-value': 'warning' } });
const sarif: string = keymgmt.format(report, 'sarif', { cwd: '/repo' });
const ids: string[] = keymgmt.rules().map((r) => r.id);
const error: Error = new keymgmt.InternalError('x');
void [sarif, ids, error, keymgmt.version(), keymgmt.schemas()];

// @ts-expect-error formats are stylish, json, sarif, github or junit
keymgmt.format(report, 'xml');
