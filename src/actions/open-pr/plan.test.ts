import { describe, expect, it } from "vitest";
import {
  changeDigest,
  commitTrailers,
  movedUnder,
  planProposal,
  trailerDigest,
  type LocalChange,
  type ProposalSettings,
  type PullState,
  type Snapshot,
} from "./plan.ts";
import type { ChangedFile } from "./working-tree.ts";

const file = (path: string, oldOid: string | null, newOid: string | null): ChangedFile => ({
  path,
  oldOid,
  newOid,
  oldMode: oldOid ? "100644" : "000000",
  newMode: newOid ? "100644" : "000000",
  size: newOid ? 10 : 0,
});

const change: LocalChange = {
  headOid: "h".repeat(40),
  files: [file(".adl-version", "a1", "a2"), file("old.txt", "o1", null)],
};
const digest = changeDigest(change.files);

const settings: ProposalSettings = {
  changeId: "bump-adl",
  branch: "fleet/bump-adl",
  title: "Bump ADL",
  body: "Bumps.",
  commitMessage: "Bump ADL",
  labels: ["deps"],
  assignees: [],
  reviewers: ["ana"],
  teamReviewers: [],
  draft: false,
};

const body = () => ({ stable: "Bumps.\nSTABLE", full: "Bumps.\nSTABLE\nrun 2" });

const snapshot = (over: Partial<Snapshot> = {}): Snapshot => ({
  repositoryId: "R_1",
  base: { name: "main", oid: "b".repeat(40) },
  branch: null,
  pull: null,
  baseBlobs: ["a1", "o1"],
  ...over,
});

const openPull = (over: Partial<PullState> = {}): PullState => ({
  id: "PR_1",
  number: 7,
  state: "OPEN",
  title: "Bump ADL",
  body: "Bumps.\nSTABLE\nrun 1",
  isDraft: false,
  headOid: "c".repeat(40),
  labels: ["deps"],
  assignees: [],
  askedOrReviewed: ["ana"],
  teamsAsked: [],
  reviewed: false,
  hasCloseComment: false,
  ...over,
});

const fleetBranch = { id: "REF_1", oid: "c".repeat(40), ahead: 1, fleetDigest: digest };

const kinds = (s: Snapshot) => planProposal(change, s, settings, body).changes.map((c) => c.kind);

describe("planProposal", () => {
  it("creates the branch, its commit, the pull request, its labels and reviewers", () => {
    const plan = planProposal(change, snapshot(), settings, body);
    expect(plan.operation).toBe("created");
    expect(plan.changes.map((c) => c.kind)).toEqual(["commit", "open", "tag", "review"]);
    expect(plan.changes[0]).toMatchObject({ branch: "create", baseOid: "b".repeat(40) });
  });

  it("changes nothing on a rerun of the same diff", () => {
    const plan = planProposal(
      change,
      snapshot({ branch: fleetBranch, pull: openPull() }),
      settings,
      body,
    );
    expect(plan).toMatchObject({ operation: "unchanged", changes: [] });
  });

  it("resets the branch and replaces the commit for a new diff, asking for reviews again", () => {
    const s = snapshot({
      branch: { ...fleetBranch, fleetDigest: "0".repeat(40) },
      pull: openPull(),
    });
    expect(kinds(s)).toEqual(["commit", "edit", "review"]);
    expect(planProposal(change, s, settings, body).changes[0]).toMatchObject({ branch: "reset" });
  });

  it("sets the draft state before replacing the commit, so a failed one is set again by the rerun", () => {
    const s = snapshot({
      branch: { ...fleetBranch, fleetDigest: "0".repeat(40) },
      pull: openPull(),
    });
    const plan = planProposal(change, s, { ...settings, draft: true }, body);
    expect(plan.changes.map((c) => c.kind)).toEqual(["draft", "commit", "edit", "review"]);
  });

  it("reuses a branch with nothing on it (left by a run killed after creating it)", () => {
    const s = snapshot({ branch: { ...fleetBranch, ahead: 0, fleetDigest: null } });
    expect(kinds(s)).toEqual(["commit", "open", "tag", "review"]);
  });

  it("leaves a branch a person pushed to alone, and says so", () => {
    for (const branch of [
      { ...fleetBranch, ahead: 2 },
      { ...fleetBranch, fleetDigest: null },
    ]) {
      const plan = planProposal(change, snapshot({ branch, pull: openPull() }), settings, body);
      expect(plan.changes).toEqual([]);
      expect(plan.operation).toBe("unchanged");
      expect(plan.warnings[0]).toMatch(/someone pushed to fleet\/bump-adl .*left alone/);
    }
  });

  it("closes fleet's pull request and deletes the branch once the base has the change", () => {
    const s = snapshot({ branch: fleetBranch, pull: openPull(), baseBlobs: ["a2", null] });
    const plan = planProposal(change, s, settings, body);
    expect(plan.operation).toBe("closed");
    expect(plan.changes).toEqual([
      { kind: "close", comment: true },
      { kind: "delete-branch", refId: "REF_1" },
    ]);
    const commented = snapshot({ ...s, pull: openPull({ hasCloseComment: true }) });
    expect(planProposal(change, commented, settings, body).changes[0]).toEqual({
      kind: "close",
      comment: false,
    });
  });

  it("proposes nothing when the base already has the change and there is no pull request", () => {
    expect(
      planProposal(change, snapshot({ baseBlobs: ["a2", null] }), settings, body),
    ).toMatchObject({ operation: "none", changes: [], files: [] });
  });

  it("commits only the files the base does not already have", () => {
    const plan = planProposal(change, snapshot({ baseBlobs: ["a2", "o1"] }), settings, body);
    expect(plan.files.map((f) => f.path)).toEqual(["old.txt"]);
  });

  it("brings the title, body and labels in line, keeping a person's labels", () => {
    const pull = openPull({ title: "old", body: "stale", labels: ["keep"] });
    const plan = planProposal(change, snapshot({ branch: fleetBranch, pull }), settings, body);
    expect(plan.changes).toEqual([
      { kind: "edit", title: "Bump ADL", body: "Bumps.\nSTABLE\nrun 2" },
      { kind: "tag", labels: ["deps"], assignees: [] },
    ]);
  });

  it("does not reopen a pull request a person closed while the change is the same", () => {
    const pull = openPull({ state: "CLOSED", headOid: fleetBranch.oid });
    const plan = planProposal(change, snapshot({ branch: fleetBranch, pull }), settings, body);
    expect(plan.changes).toEqual([]);
    expect(plan.warnings[0]).toMatch(/#7 .*closed without merging/);
  });
});

describe("reviewers on a rerun of the same diff", () => {
  const s = (pull: Partial<PullState>) => snapshot({ branch: fleetBranch, pull: openPull(pull) });
  it("asks one never asked (a request that failed last run)", () => {
    expect(planProposal(change, s({ askedOrReviewed: [] }), settings, body).changes).toEqual([
      { kind: "review", reviewers: ["ana"], teamReviewers: [] },
    ]);
  });
  it("leaves alone one who was asked or has reviewed", () => {
    expect(planProposal(change, s({ askedOrReviewed: ["ANA"] }), settings, body).changes).toEqual(
      [],
    );
  });
});

describe("the commit's trailers", () => {
  it("round-trip the digest for the same change id only", () => {
    const message = `Bump\n\n${commitTrailers("bump-adl", digest)}`;
    expect(trailerDigest(message, "bump-adl")).toBe(digest);
    expect(trailerDigest(message, "other")).toBeNull();
    expect(trailerDigest("Bump", "bump-adl")).toBeNull();
  });
});

describe("movedUnder", () => {
  it("names files the base changed after the checkout", () => {
    expect(movedUnder(change, ["a1", "o1"])).toEqual([]);
    expect(movedUnder(change, ["zz", null])).toEqual([".adl-version"]);
  });
});
