// Runs the CLI in this process and then reports the process's peak resident set size, which a
// parent process cannot read from a spawned child in Node. Prints `maxrss <KiB>` on stderr last.
// The bundle, as bin/keymgmt-lint.js runs it (npm run --prefix pkg build makes it).
import { main } from '../pkg/dist/cli.js';

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\n`);
process.exitCode = code;
