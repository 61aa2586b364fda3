import { describe, expect, it } from "vitest";
import { matchesPattern, ruleViolations } from "./branch-rules.ts";
import { addRepo, commitFiles, createState, makeFile } from "./state.ts";

describe("branch rule patterns (fnmatch with FNM_PATHNAME)", () => {
  it("keeps * and ? within a segment, lets ** cross them, and reads classes", () => {
    expect(matchesPattern("main", "main")).toBe(true);
    expect(matchesPattern("main", "main2")).toBe(false);
    expect(matchesPattern("fleet/*", "fleet/adl")).toBe(true);
    expect(matchesPattern("fleet/*", "fleet/adl/0.10")).toBe(false);
    expect(matchesPattern("fleet/**", "fleet/adl/0.10")).toBe(true);
    expect(matchesPattern("release-?", "release-1")).toBe(true);
    expect(matchesPattern("v[0-9].x", "v1.x")).toBe(true);
    expect(matchesPattern("v[!0-9].x", "v1.x")).toBe(false);
    expect(matchesPattern("a.b", "axb")).toBe(false);
  });
});

describe("rule violations", () => {
  it("names each broken rule once, force-pushes only when not a fast-forward", () => {
    const state = createState({ now: 0 });
    const repo = addRepo(state, { owner: "acme", name: "api", created_at: "2026-01-01T00:00:00Z" });
    const main = repo.branches.get("main")!;
    const first = main.sha;
    const second = commitFiles(repo, main, new Map([["a", makeFile("a")]]), "a");
    repo.rules.push(
      { pattern: "main", update: true, non_fast_forward: true },
      { pattern: "**", update: true, deletion: true },
    );
    expect(ruleViolations(repo, { branch: "main", from: first, to: second })).toEqual([
      "Cannot update this protected ref.",
    ]);
    expect(ruleViolations(repo, { branch: "main", from: second, to: first })).toEqual([
      "Cannot update this protected ref.",
      "Cannot force-push to this branch",
    ]);
    expect(ruleViolations(repo, { branch: "x/y", from: first, to: null })).toEqual([
      "Cannot delete this protected ref.",
    ]);
    expect(ruleViolations(repo, { branch: "x/y", from: null, to: first })).toEqual([]);
  });
});
