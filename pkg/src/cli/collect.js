// Decides which files form which module, following Terraform's rules for a root module directory.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError, cannotRead } from './errors.js';

const CONFIG = /\.tf(\.json)?$/;
const VARIABLES = /\.tfvars(\.json)?$/;
const AUTO_VARIABLES = /\.auto\.tfvars(\.json)?$/;
const DEFAULT_VARIABLES = ['terraform.tfvars', 'terraform.tfvars.json'];
// Where `terraform init` records the provider versions it chose: the Vault provider's tells the
// core which generation of its resources applies.
const LOCK_FILE = '.terraform.lock.hcl';

/**
 * Groups the given paths into modules: a directory is one module. A file named directly is
 * linted with the rest of its directory's module, as Terraform would read it (its variables and
 * locals are declared elsewhere), and only the files named are reported: `named` lists them,
 * unless the directory itself was given too. A named variable file applies after the
 * directory's own. `--var-file` files go last in every module, in the order given, so they win
 * over the directory's own variable files.
 *
 * @returns {{ dir: string, files: string[], named?: string[] }[]} file paths as the user spelled them
 */
export function collectModules(paths, varFiles) {
  const modules = new Map();
  const moduleOf = (dir) => {
    const key = path.resolve(dir);
    if (!modules.has(key)) modules.set(key, { dir, config: new Map(), lock: [], variables: new Map(), read: false, whole: false, named: [] });
    return modules.get(key);
  };
  for (const given of paths) {
    if (statOrThrow(given).isDirectory()) {
      const module = moduleOf(given);
      if (!module.read) addDirectory(module, given, { required: true });
      module.read = true;
      module.whole = true;
    } else {
      checkTerraformFile(given);
      const module = moduleOf(path.dirname(given));
      // A directory with no configuration file of its own (variable files only) is only what
      // was named.
      if (!module.read) addDirectory(module, path.dirname(given), { required: false });
      module.read = true;
      addFile(module, given);
      module.named.push(given);
    }
  }
  return [...modules.values()].map(({ dir, config, lock, variables, whole, named }) => ({
    dir,
    files: [...sortedByName(config), ...lock, ...variables.values(), ...varFiles],
    ...(!whole && { named }),
  }));
}

/**
 * The configuration files of a called module's directory, sorted by name: a called module has no
 * variable files. Empty when the directory cannot be read, which the core then reports.
 *
 * @returns {string[]}
 */
export function moduleFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files = entries.filter((entry) => CONFIG.test(entry.name) && isModuleEntry(dir, entry)).map((entry) => entry.name);
  return files.sort().map((name) => path.join(dir, name));
}

/** Whether `file` is a configuration file by its name: `*.tf` or `*.tf.json`. */
export function isConfigFile(file) {
  return CONFIG.test(file);
}

/**
 * Whether a directory is a module: it holds a `*.tf` or `*.tf.json` file.
 *
 * @param {import('node:fs').Dirent[]} entries the directory's, as `readdirSync(dir, { withFileTypes: true })` lists them
 */
export function holdsModule(dir, entries) {
  return entries.some((entry) => CONFIG.test(entry.name) && isModuleEntry(dir, entry));
}

/** Where `terraform init` listed the remote modules it installed for the root module `dir`, if it did. */
export function manifestOf(dir) {
  const manifest = path.join(dir, '.terraform', 'modules', 'modules.json');
  try {
    return statSync(manifest).isFile() ? manifest : undefined;
  } catch {
    return undefined;
  }
}

function addDirectory(module, dir, { required }) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw cannotRead(dir, error);
  }
  const files = entries.filter((entry) => isModuleEntry(dir, entry)).map((entry) => entry.name);
  const config = files.filter((n) => CONFIG.test(n));
  // Linting the wrong directory must not pass silently, e.g. a repository root whose modules
  // live in subdirectories.
  if (config.length === 0 && required) {
    throw new UsageError(`${dir} has no Terraform files (*.tf, *.tf.json); subdirectories are not searched`);
  }
  for (const name of config) {
    module.config.set(path.resolve(dir, name), path.join(dir, name));
  }
  if (files.includes(LOCK_FILE)) module.lock = [path.join(dir, LOCK_FILE)];
  const variableNames = [
    ...DEFAULT_VARIABLES.filter((n) => files.includes(n)),
    ...files.filter((n) => AUTO_VARIABLES.test(n)).sort(),
  ];
  for (const name of variableNames) {
    module.variables.set(path.resolve(dir, name), path.join(dir, name));
  }
}

function checkTerraformFile(file) {
  if (!CONFIG.test(file) && !VARIABLES.test(file)) {
    throw new UsageError(`${file} is not a Terraform file (.tf, .tf.json, .tfvars or .tfvars.json)`);
  }
}

// The file keeps the spelling it was named with, which its diagnostics then carry; a variable
// file the directory already applies keeps its place.
function addFile(module, file) {
  const key = path.resolve(file);
  if (CONFIG.test(file)) module.config.set(key, file);
  else module.variables.set(key, file);
}

function sortedByName(files) {
  const name = (file) => path.basename(file);
  return [...files.values()].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

// Every entry but a directory, as Terraform lists a module's files: a FIFO or a device named
// `x.tf` (or a symlink to one) is kept, so that reading it reports it (read.js) rather than the
// module passing without it. The listing tells all but where a symlink leads, without a stat
// per file: in a tree of a thousand modules, those add up.
function isModuleEntry(dir, entry) {
  if (entry.isDirectory()) return false;
  return !entry.isSymbolicLink() || isModuleFile(path.join(dir, entry.name));
}

function isModuleFile(file) {
  try {
    return !statSync(file).isDirectory();
  } catch {
    // A dangling symlink among the directory's entries is not a module file.
    return false;
  }
}

function statOrThrow(file) {
  try {
    return statSync(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
}
