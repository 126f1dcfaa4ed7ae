// Machine-readable output: the Report exactly as the JS API returns it.
export function formatJson(report) {
  return `${JSON.stringify(report, null, 2)}\n`;
}
