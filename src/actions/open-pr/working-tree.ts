import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A file the change touches, as git sees it against the checkout's HEAD. */
export interface ChangedFile {
  path: string;
  /** The blob at HEAD, or null for a new file. */
  oldOid: string | null;
  /** The blob to commit, or null for a deletion. */
  newOid: string | null;
  /** git's file modes at HEAD and in the working tree ("000000" where there is no file). */
  oldMode: string;
  newMode: string;
  /** Bytes of the new blob; 0 for a deletion. */
  size: number;
}

/** The working tree's change against the commit it was checked out at. */
export interface WorkingTreeChange {
  /** The commit the checkout is at. */
  headOid: string;
  /** Sorted by path. */
  files: ChangedFile[];
  /** Reads the bytes of a blob the change adds (as git stored them, clean filters applied). */
  blob(oid: string, maxBytes: number): Promise<Buffer>;
  /** `git diff` of the change against HEAD, renames found, binary files named only. */
  patch: Buffer;
}

/** The checkout cannot be read as a git working tree. */
export class WorkingTreeError extends Error {
  override readonly name = "WorkingTreeError";
}

const ZERO = /^0+$/;

/** Entries of `git diff-index --raw -z`: `:old new oldOid newOid status\0path\0`. */
function parseRaw(raw: string): ChangedFile[] {
  const parts = raw.split("\0");
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [oldMode = "", newMode = "", oldOid = "", newOid = ""] = parts[i]!.slice(1).split(" ");
    files.push({
      path: parts[i + 1]!,
      oldOid: ZERO.test(oldOid) ? null : oldOid,
      newOid: ZERO.test(newOid) ? null : newOid,
      oldMode,
      newMode,
      size: 0,
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Sets each added or modified file's size, with one `git cat-file --batch-check` for all. */
async function measure(
  files: ChangedFile[],
  batchCheck: (stdin: string) => Promise<{ stdout: Buffer }>,
): Promise<void> {
  const kept = files.filter((f) => f.newOid !== null);
  if (kept.length === 0) return;
  const sizes = (await batchCheck(kept.map((f) => `${f.newOid}\n`).join(""))).stdout
    .toString("utf8")
    .trim()
    .split("\n");
  kept.forEach((f, i) => (f.size = Number(sizes[i])));
}

/**
 * Reads what a checkout changed, through git itself so that `.gitignore`, clean filters and
 * line-ending rules apply exactly as a `git add -A && git commit` would apply them. The
 * staging happens in a throwaway index: the checkout's own index and files are left as they
 * were, and no git credential is needed or touched.
 */
export async function readWorkingTree(dir: string): Promise<WorkingTreeChange> {
  const git = async (
    args: string[],
    env: NodeJS.ProcessEnv = {},
    options: { maxBuffer?: number; stdin?: string } = {},
  ) => {
    try {
      const running = run("git", ["-C", dir, ...args], {
        env: { ...process.env, ...env },
        maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
        encoding: "buffer",
      });
      const stdin = running.child.stdin;
      // A git that exits early (not a checkout) closes its stdin: the exit status and stderr
      // say why, so the broken pipe is not the error to report.
      stdin?.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code !== "EPIPE") throw error;
      });
      stdin?.end(options.stdin);
      return await running;
    } catch (error) {
      const e = error as { stderr?: Buffer; code?: unknown; message: string };
      const said = e.stderr?.toString("utf8").trim() || e.message;
      throw new WorkingTreeError(`git ${args[0]} failed in ${dir}: ${said}`);
    }
  };
  const headOid = (await git(["rev-parse", "--verify", "HEAD^{commit}"])).stdout
    .toString("utf8")
    .trim();
  const scratch = mkdtempSync(join(tmpdir(), "fleet-open-pr-"));
  const index = { GIT_INDEX_FILE: join(scratch, "index") };
  try {
    await git(["read-tree", "HEAD"], index);
    // No pathspec: the whole working tree, wherever in it `dir` is.
    await git(["add", "--all"], index);
    const raw = (
      await git(["diff-index", "--cached", "--raw", "-z", "--no-renames", "HEAD"], index)
    ).stdout;
    const files = parseRaw(raw.toString("utf8"));
    await measure(files, (stdin) =>
      git(["cat-file", "--batch-check=%(objectsize)"], {}, { stdin }),
    );
    // The patch is read now, while the scratch index exists.
    const patch = files.length
      ? (await git(["diff-index", "--cached", "--patch", "--find-renames", "HEAD"], index)).stdout
      : Buffer.alloc(0);
    return {
      headOid,
      files,
      async blob(oid, maxBytes) {
        return (await git(["cat-file", "blob", oid], {}, { maxBuffer: maxBytes + 1 })).stdout;
      },
      patch,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
