// Runs the CLI in this process, exactly as bin/keymgmt-lint.js runs it (same V8 flags, same
// bundle), then reports the process's peak resident set size, which a parent process cannot read
// from a spawned child in Node. Prints `maxrss <KiB>` on stderr last.
process.on('exit', () => process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\n`));
await import('../../pkg/bin/keymgmt-lint.js');
