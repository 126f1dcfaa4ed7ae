// The root of the git repository the CLI runs in: GitHub annotations, JUnit and SARIF name files
// relative to it, as GitHub and CI dashboards show them, wherever in the repository the CLI ran.
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The nearest directory at or above `cwd` that holds `.git` (a directory, or the file a worktree
 * or submodule has), else `cwd` itself.
 */
export function repositoryRoot(cwd) {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}
