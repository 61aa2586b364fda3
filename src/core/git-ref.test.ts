import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { refNameProblem } from "./git-ref.ts";

/** What git itself says of a branch name (outside a repository, so `@` is not expanded). */
const gitAccepts = (name: string): boolean =>
  spawnSync("git", ["check-ref-format", "--branch", name], { cwd: tmpdir(), stdio: "ignore" })
    .status === 0;

describe("refNameProblem", () => {
  it.each(["main", "v1.2.3", "release/2026-12", "refs/heads/main", "feature/x_y-z", "a.b"])(
    "accepts %s",
    (name) => expect(refNameProblem(name)).toBeUndefined(),
  );

  it.each([
    ["", "a ref name cannot be empty"],
    ["main\nx", "a ref name cannot contain spaces, control characters or any of ~ ^ : ? * [ \\"],
    ["a b", "a ref name cannot contain spaces, control characters or any of ~ ^ : ? * [ \\"],
    ["-x", "a ref name cannot start with '-'"],
    ["a//b", "a ref name cannot start or end with '/' or contain '//'"],
    ["bad..branch", "a ref name cannot contain '..'"],
    ["a@{1}", "a ref name cannot contain '@{' or be '@'"],
    ["@", "a ref name cannot contain '@{' or be '@'"],
    ["x.", "a ref name cannot end with '.'"],
    ["HEAD", "a ref name cannot be HEAD"],
    ["a/.hidden", "no part of a ref name can start with '.'"],
    ["x.lock", "no part of a ref name can end with '.lock'"],
  ])("refuses %j: %s", (name, problem) => expect(refNameProblem(name)).toBe(problem));

  // One deliberate difference: git's --branch reads a lone `@` as shorthand for HEAD and lets it
  // through, while git's ref-name rules (rule 9) refuse `@` as a name.
  it("agrees with git check-ref-format --branch on generated names", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-zH./@{}~^:*\- -]{1,8}$/).filter((name) => name !== "@"),
        (name) => (refNameProblem(name) === undefined) === gitAccepts(name),
      ),
      { seed: 20261201, numRuns: 200 },
    );
  });
});
