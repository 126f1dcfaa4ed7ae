// Compiled by `npm run typecheck` (tsc): the browser entry's types, as a page would use them.
import init, { InternalError, type BrowserApi, type Report } from 'keymgmt-lint/browser';

async function lintPage(bytes: ArrayBuffer): Promise<number> {
  const api: BrowserApi = await init(bytes);
  const report: Report = api.lint([{ path: 'main.tf', text: 'resource "vault_keymgmt_key" "k" {}' }]);
  const fixes = report.diagnostics.flatMap((d) => d.fixes ?? []).filter((f) => f.safety === 'safe');
  if (report.summary.errors < 0) throw new InternalError('unreachable');
  return fixes.length + api.rules().length + (await init(new URL('https://example.invalid/x.wasm'))).version().length;
}
void lintPage;
