import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileBytes, type SimRepo } from "./state.ts";

/**
 * A local git checkout of a branch of a simulated repository, as `actions/checkout` leaves
 * one on a runner: the branch's files (bytes and executable bits) committed at HEAD in a new
 * folder under `parent`. Its commit id is the checkout's own; what open-pr compares with the
 * server is blob ids, which are git's on both sides.
 */
export function checkoutBranch(
  repo: SimRepo,
  parent: string,
  /** The branch (default branch unless given) and the folder's name (a new one unless given). */
  options: { branch?: string; folder?: string } = {},
): string {
  const branch = options.branch || repo.default_branch;
  const head = repo.branches.get(branch);
  if (!head) throw new Error(`${repo.full_name} has no branch ${branch}`);
  const dir = options.folder
    ? join(parent, options.folder)
    : mkdtempSync(join(parent, `${repo.name}-`));
  mkdirSync(dir, { recursive: true });
  for (const [path, file] of head.files) {
    const at = join(dir, path);
    mkdirSync(dirname(at), { recursive: true });
    writeFileSync(at, fileBytes(file));
    chmodSync(at, file.mode === "100755" ? 0o755 : 0o644);
  }
  commitFolder(dir, branch, `checkout of ${repo.full_name}@${branch}`);
  return dir;
}

/** Runs git in `dir` as someone with an identity, and returns what it printed. */
export function gitIn(dir: string) {
  return (...args: string[]): string =>
    execFileSync("git", ["-C", dir, ...args], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "runner",
        GIT_AUTHOR_EMAIL: "runner@example.com",
        GIT_COMMITTER_NAME: "runner",
        GIT_COMMITTER_EMAIL: "runner@example.com",
      },
      stdio: ["ignore", "pipe", "pipe"],
    }).toString("utf8");
}

/** Makes `dir` a git repository whose one commit, on `branch`, holds every file in it. */
export function commitFolder(dir: string, branch: string, message: string): void {
  const git = gitIn(dir);
  git("init", "--quiet", `--initial-branch=${branch}`);
  git("add", "--all");
  git("commit", "--quiet", "--allow-empty", "--message", message);
}
