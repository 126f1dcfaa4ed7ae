// Machine-readable output: the Report exactly as the JS API returns it.
import { escapeJsonText } from './escape.js';

export function formatJson(report) {
  return `${escapeJsonText(JSON.stringify(report, null, 2))}\n`;
}
