import { commitFiles, makeFile, type SimFile, type SimRepo } from "../state.ts";
import type { RepoSpec } from "./spec.ts";

/**
 * Commits a repository's files, one commit per branch at `at` (the scenario's "now"); a
 * branch that does not exist yet is created from the default branch first (as state files
 * live on their own branch). Rules do not apply: they describe what the API refuses later.
 */
export function buildFiles(repo: SimRepo, files: RepoSpec["files"], at: string): void {
  const byBranch = new Map<string, RepoSpec["files"]>();
  for (const file of files) {
    const branch = file.branch ?? repo.default_branch;
    byBranch.set(branch, [...(byBranch.get(branch) ?? []), file]);
  }
  const base = repo.branches.get(repo.default_branch);
  if (!base) throw new Error(`${repo.full_name} has no default branch ${repo.default_branch}`);
  for (const [name, list] of byBranch) {
    let branch = repo.branches.get(name);
    if (!branch) {
      branch = { sha: base.sha, files: base.files };
      repo.branches.set(name, branch);
    }
    const tree = new Map<string, SimFile>(branch.files);
    for (const file of list) tree.set(file.path, makeFile(file.content));
    commitFiles(repo, branch, tree, `scenario: ${list.map((f) => f.path).join(", ")}`, { at });
  }
}
