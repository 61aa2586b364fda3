import { describe, expect, it } from "vitest";
import { compareCommits, isAncestor } from "./commit-graph.ts";
import { addRepo, commitFiles, createState, makeFile } from "./state.ts";

describe("the commit graph", () => {
  it("counts ahead and behind over parents, as git rev-list --left-right does", () => {
    const state = createState({ now: 0 });
    const repo = addRepo(state, { owner: "acme", name: "api", created_at: "2026-01-01T00:00:00Z" });
    const main = repo.branches.get("main")!;
    const root = main.sha;
    repo.branches.set("side", { ...main });
    const side = repo.branches.get("side")!;
    const s1 = commitFiles(repo, side, new Map([["s", makeFile("1")]]), "s1");
    const s2 = commitFiles(repo, side, new Map([["s", makeFile("2")]]), "s2");
    const m1 = commitFiles(repo, main, new Map([["m", makeFile("1")]]), "m1");
    expect(isAncestor(repo, root, s2)).toBe(true);
    expect(isAncestor(repo, s2, s1)).toBe(false);
    expect(compareCommits(repo, root, s2)).toEqual({ aheadBy: 2, behindBy: 0, status: "AHEAD" });
    expect(compareCommits(repo, s2, root)).toEqual({ aheadBy: 0, behindBy: 2, status: "BEHIND" });
    expect(compareCommits(repo, m1, s2)).toEqual({ aheadBy: 2, behindBy: 1, status: "DIVERGED" });
    expect(compareCommits(repo, s1, s1)).toEqual({ aheadBy: 0, behindBy: 0, status: "IDENTICAL" });
  });
});
