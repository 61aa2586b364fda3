import { describe, expect, it } from "vitest";
import { changeProblems } from "./change-rules.ts";
import type { ChangedFile } from "./working-tree.ts";

const file = (path: string, newMode: string, size: number, deleted = false): ChangedFile => ({
  path,
  oldOid: "a".repeat(40),
  newOid: deleted ? null : "b".repeat(40),
  oldMode: "100644",
  newMode: deleted ? "000000" : newMode,
  size,
});

describe("changeProblems", () => {
  const limits = { maxFiles: 2, maxBytes: 100 };

  it("accepts regular files within the limits, and deletions of anything", () => {
    expect(changeProblems([file("a", "100644", 60), file("b", "120000", 0, true)], limits)).toEqual(
      [],
    );
  });

  it("names each file whose mode the commit mutation would drop", () => {
    const problems = changeProblems(
      [file("run.sh", "100755", 1), file("link", "120000", 1)],
      limits,
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^run\.sh would be an executable file \(mode 100755\)/);
    expect(problems[1]).toMatch(/^link would be a symbolic link \(mode 120000\)/);
  });

  it("refuses more files or bytes than allowed, naming the largest", () => {
    const problems = changeProblems(
      [file("a", "100644", 10), file("big", "100644", 95), file("c", "100644", 1)],
      limits,
    );
    expect(problems).toEqual([
      "the change touches 3 files; allowed at most 2 (max-files)",
      "the change adds 106 bytes; allowed at most 100 (max-bytes): largest big (95 bytes), a (10 bytes), c (1 bytes)",
    ]);
  });
});
