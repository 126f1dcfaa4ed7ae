// Configurations from disk: the files picked in the file or folder input, or dropped on the page
// (files, or folders read recursively), kept to what the linter reads, with their paths relative
// to the folder that was opened.

export const MAX_FILES = 2000;
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

const CONFIG = /\.(tf|tfvars)(\.json)?$/;
// Where `terraform init` lists the remote modules it installed, which the linter can follow.
export const MANIFEST = /(^|\/)\.terraform\/modules\/modules\.json$/;
// Where `terraform init` records the provider versions: the Vault provider's chooses which
// generation of its resources applies.
const LOCK_FILE = /(^|\/)\.terraform\.lock\.hcl$/;
// Never a module of the configuration, and often huge.
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** Whether the file at `path` (relative, `/`-separated) is one the linter reads. */
export function wanted(path) {
  const dirs = path.split('/').slice(0, -1);
  return !dirs.some((d) => SKIPPED_DIRS.has(d)) && (CONFIG.test(path) || MANIFEST.test(path) || LOCK_FILE.test(path));
}

/**
 * `paths` in the order the core wants them: the root module is the directory of the first
 * configuration file, so the shallowest directory comes first, then the rest by path.
 */
export function ordered(paths) {
  const depth = (p) => p.split('/').length;
  return [...paths].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
}

// A candidate is { path, file: () => Promise<File> }: its content is read only once it is kept.

/** The candidates of a file input: several files by name, or a folder's files by their path in it. */
export function fromInput(fileList) {
  // A folder input gives `folder/sub/main.tf`: the paths are relative to the folder itself.
  const pathOf = (f) => (f.webkitRelativePath ? f.webkitRelativePath.split('/').slice(1).join('/') : f.name);
  return [...fileList].map((f) => ({ path: pathOf(f), file: async () => f })).filter((c) => wanted(c.path));
}

/** The candidates of a drop: files by name, a single folder's files relative to it, several folders under their names. */
export async function fromDrop(dataTransfer) {
  // The items are only readable while the drop event is dispatched: take them all before waiting.
  const items = [...dataTransfer.items].filter((i) => i.kind === 'file');
  const dropped = items.map((i) => ({ entry: i.webkitGetAsEntry?.() ?? null, file: i.getAsFile() }));
  const soleFolder = dropped.length === 1 && dropped[0].entry?.isDirectory;
  const out = [];
  for (const { entry, file } of dropped) {
    if (entry?.isDirectory) await walk(entry, soleFolder ? '' : `${entry.name}/`, out);
    else if (file && wanted(file.name)) out.push({ path: file.name, file: async () => file });
  }
  return out;
}

// Stops one past the cap, so that the caller knows it was reached.
async function walk(dir, prefix, out) {
  for (const entry of await entriesOf(dir)) {
    if (out.length > MAX_FILES) return;
    const path = prefix + entry.name;
    if (entry.isDirectory) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(entry, `${path}/`, out);
    } else if (wanted(path)) {
      out.push({ path, file: () => new Promise((resolve, reject) => entry.file(resolve, reject)) });
    }
  }
}

// A directory reader gives its entries a batch at a time (100 in Chromium), then an empty batch.
async function entriesOf(dir) {
  const reader = dir.createReader();
  const all = [];
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/**
 * Reads the candidates' text, a few at a time so that the page stays responsive: returns
 * { files: [{ path, text }], tooLarge: paths over MAX_FILE_BYTES, truncated: whether there were
 * more than MAX_FILES }.
 */
export async function readAll(candidates) {
  const kept = candidates.slice(0, MAX_FILES);
  const files = [];
  const tooLarge = [];
  for (let i = 0; i < kept.length; i += 32) {
    await Promise.all(
      kept.slice(i, i + 32).map(async ({ path, file }) => {
        const f = await file();
        if (f.size > MAX_FILE_BYTES) tooLarge.push(path);
        else files.push({ path, text: await f.text() });
      }),
    );
  }
  return { files, tooLarge, truncated: candidates.length > MAX_FILES };
}
