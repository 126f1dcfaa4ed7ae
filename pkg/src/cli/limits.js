// How much input the CLI reads: per file, and per module (all its files together). Both are the
// core's limits (src/parse/mod.rs; test/input-limits.test.js checks that they agree), applied
// here before reading, so that a file the core would refuse is never read whole into memory or
// copied into the core, and, for the per-file one, also to plans, config files and standard input.

/** One file: MAX_FILE_BYTES in src/parse/mod.rs. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * One module's files together, in the order they are given: MAX_MODULE_BYTES in
 * src/parse/mod.rs. A module's memory and time grow with its input; no Terraform module comes
 * near it (the 10,000-key benchmark is 7 MiB).
 */
export const MAX_MODULE_BYTES = 16 * 1024 * 1024;
