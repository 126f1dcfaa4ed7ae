// The package's root directory, for the CLI's package.json and docs/. A path relative to
// import.meta.url depends on which file the code runs from, and the CLI runs both from the
// sources and from its bundle dist/cli.js, where every module's import.meta.url is the bundle's.
// This file sits one directory below the root, as dist/cli.js does, so '../' is the root from both.
export const PACKAGE_ROOT = new URL('../', import.meta.url);
