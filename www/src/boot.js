// Starts the lint worker as early as possible: this tiny module runs while the much larger app.js
// is still being parsed, so the WebAssembly core compiles (and warms up) in parallel.
window.keymgmtLintWorker = new Worker(new URL('worker.js', import.meta.url), { type: 'module' });
