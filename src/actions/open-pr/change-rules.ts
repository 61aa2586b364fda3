import type { ChangedFile } from "./working-tree.ts";

/** The only mode `createCommitOnBranch` can write: its FileAddition has no mode field. */
const REGULAR = "100644";

const MODE_WORDS: Record<string, string> = {
  "100755": "an executable file (mode 100755)",
  "120000": "a symbolic link (mode 120000)",
  "160000": "a submodule (mode 160000)",
};

/**
 * Why the change cannot be committed as it is, one line per problem; empty when it can.
 * GitHub's commit mutation writes every added or modified file as a regular, non-executable
 * file, so a file that must stay executable, a link or a submodule would silently become
 * something else: refused here, naming the file, rather than lost.
 */
export function changeProblems(
  files: readonly ChangedFile[],
  limits: { maxFiles: number; maxBytes: number },
): string[] {
  const problems = files
    .filter((f) => f.newOid !== null && f.newMode !== REGULAR)
    .map(
      (f) =>
        `${f.path} would be ${MODE_WORDS[f.newMode] ?? `mode ${f.newMode}`}; GitHub's createCommitOnBranch writes every file as a regular file (mode 100644) and would drop that, so it is refused: leave the file's mode as it is on the base (git update-index --chmod=-x), or change it in a commit of your own`,
    );
  if (files.length > limits.maxFiles)
    problems.push(
      `the change touches ${files.length} files; allowed at most ${limits.maxFiles} (max-files)`,
    );
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  if (bytes > limits.maxBytes) {
    const largest = [...files]
      .sort((a, b) => b.size - a.size)
      .slice(0, 3)
      .map((f) => `${f.path} (${f.size} bytes)`);
    problems.push(
      `the change adds ${bytes} bytes; allowed at most ${limits.maxBytes} (max-bytes): largest ${largest.join(", ")}`,
    );
  }
  return problems;
}
