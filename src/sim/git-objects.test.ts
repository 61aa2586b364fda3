import { describe, expect, it } from "vitest";
import { blobOid, commitOid, treeOid } from "./git-objects.ts";

// The expected ids were computed with git itself (hash-object, write-tree, commit-tree) over
// the same content.
describe("git object ids", () => {
  const files = new Map([
    ["README.md", { sha: blobOid("hello\n") }],
    ["bin/run.sh", { sha: blobOid("#!/bin/sh\n"), mode: "100755" as const }],
  ]);

  it("hashes blobs, trees with modes, and commits as git does", () => {
    expect(blobOid("hello\n")).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    expect(treeOid(new Map())).toBe("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    expect(treeOid(files, "bin")).toBe("4d30b2ddd4dbd82d6ad7ee4d2a4ea360f5d65b61");
    const tree = treeOid(files);
    expect(tree).toBe("e5726631d640a4dc7591f449eed330149df31929");
    const at = "2026-06-01T00:00:00Z";
    expect(
      commitOid({
        tree,
        parents: [],
        author: { name: "alice", email: "alice@users.noreply.github.com", date: at },
        committer: { name: "GitHub", email: "noreply@github.com", date: at },
        message: "Bump\n",
      }),
    ).toBe("3f9d764fd1a9c52ba4df2097da41716ddff4a8db");
  });

  it("gives the same change made a second later another commit id", () => {
    const person = (date: string) => ({ name: "a", email: "a@b.c", date });
    const commit = (date: string) =>
      commitOid({
        tree: treeOid(files),
        parents: [],
        author: person(date),
        committer: person(date),
        message: "m",
      });
    expect(commit("2026-06-01T00:00:00Z")).not.toBe(commit("2026-06-01T00:00:01Z"));
  });
});
