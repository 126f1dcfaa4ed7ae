#!/usr/bin/env node
import { main } from '../src/cli/main.js';

// A reader that goes away early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

// exitCode rather than process.exit(): piped output must drain before Node ends.
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
