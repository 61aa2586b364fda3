import { describe, expect, it } from "vitest";
import { freshState, type FailedRun, type PackageState } from "./package-state.ts";
import {
  decidePackage,
  openingLeaseMs,
  planArchival,
  planRecord,
  type PackageFacts,
} from "./plan.ts";
import type { TrackedIssue } from "./tracked-issue.ts";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const run = (id: number, at = NOW): FailedRun => ({
  id: String(id),
  url: `https://github.com/acme/smoke/actions/runs/${id}`,
  at: new Date(at).toISOString(),
});
const state = (o: Partial<PackageState> = {}): PackageState => ({ ...freshState("alpha"), ...o });
const issue = (o: Partial<TrackedIssue> = {}): TrackedIssue => ({
  number: 12,
  package: "alpha",
  milestones: [],
  url: "https://github.com/acme/smoke/issues/12",
  createdAt: "2026-05-20T00:00:00Z",
  locked: false,
  body: "",
  labels: ["smoke-broken"],
  ...o,
});
const facts = (o: Partial<PackageFacts>): PackageFacts => ({
  name: "alpha",
  outcome: "failure",
  state: freshState("alpha"),
  run: run(100),
  threshold: 2,
  now: NOW,
  mayOpen: true,
  ...o,
});

describe("decidePackage: failures", () => {
  it("counts a first failure and opens nothing below the threshold", () => {
    const d = decidePackage(facts({}));
    expect(d.action).toEqual({ kind: "none" });
    expect(d.next).toMatchObject({ failures: 1, runs: [run(100)], opening: null });
  });

  it("opens at the threshold, claiming the opening for this run", () => {
    const d = decidePackage(facts({ state: state({ failures: 1, runs: [run(99)] }) }));
    expect(d.action).toEqual({ kind: "open" });
    expect(d.next).toMatchObject({ failures: 2, opening: { run: "100" } });
    expect(d.next?.runs.map((r) => r.id)).toEqual(["99", "100"]);
  });

  it("comments on the open issue at each further failure", () => {
    const d = decidePackage(facts({ state: state({ failures: 2, issue: 12 }), tracked: issue() }));
    expect(d.action).toEqual({ kind: "comment", issue: 12 });
    expect(d.next?.failures).toBe(3);
  });

  it("does not count the same run twice (a rerun of the report), and posts its comment only if missing", () => {
    const s = state({ failures: 2, runs: [run(99), run(100)], issue: 12 });
    const d = decidePackage(facts({ state: s, tracked: issue() }));
    expect(d.next).toBeUndefined();
    expect(d.action).toEqual({ kind: "comment", issue: 12, rerun: { failures: 2 } });
    expect(d.notes).toEqual(["run 100 was already counted"]);
  });

  it("counts concurrent runs that arrive out of order, each once", () => {
    let s = freshState("alpha");
    for (const id of [105, 101, 103, 101, 105])
      s = decidePackage(facts({ state: s, run: run(id), threshold: 9 })).next ?? s;
    expect(s.failures).toBe(3);
  });

  it("respects a human closing the issue: no reopening, the count starts again", () => {
    const s = state({ failures: 5, runs: [run(99)], issue: 12 });
    const d = decidePackage(facts({ state: s }));
    expect(d.action).toEqual({ kind: "none" });
    expect(d.next).toMatchObject({ failures: 1, issue: null });
    expect(d.notes[0]).toContain("#12 was closed or unlabelled by a human: not reopened");
    const again = decidePackage(facts({ state: d.next!, run: run(101) }));
    expect(again.action).toEqual({ kind: "open" });
  });

  it("adopts an open tracking issue the state does not know (found by its marker)", () => {
    const d = decidePackage(facts({ state: state({ failures: 3 }), tracked: issue() }));
    expect(d.next).toMatchObject({ issue: 12, failures: 4 });
    expect(d.action).toEqual({ kind: "comment", issue: 12 });
  });

  it("stays quiet on a locked issue", () => {
    const d = decidePackage(
      facts({ state: state({ failures: 2, issue: 12 }), tracked: issue({ locked: true }) }),
    );
    expect(d.action).toEqual({ kind: "none" });
    expect(d.next?.failures).toBe(3);
    expect(d.notes).toContain("#12 is locked: no comment");
  });

  it("leaves the opening to the run that claimed it while its lease holds", () => {
    const claimed = state({
      failures: 2,
      opening: { run: "98", at: new Date(NOW - 60_000).toISOString() },
    });
    expect(decidePackage(facts({ state: claimed })).action).toEqual({ kind: "none" });
    const stale = state({
      failures: 2,
      opening: { run: "98", at: new Date(NOW - openingLeaseMs - 1).toISOString() },
    });
    const d = decidePackage(facts({ state: stale }));
    expect(d.action).toEqual({ kind: "open" });
    expect(d.next?.opening?.run).toBe("100");
  });

  it("opens on a rerun of the run whose opening did not happen", () => {
    const s = state({
      failures: 2,
      runs: [run(99), run(100)],
      opening: { run: "100", at: run(100).at },
    });
    const d = decidePackage(facts({ state: s }));
    expect(d.action).toEqual({ kind: "open" });
  });

  it("keeps only the last ten failing runs but counts them all", () => {
    let s = freshState("alpha");
    for (let i = 1; i <= 14; i++)
      s = decidePackage(facts({ state: s, run: run(i), threshold: 100 })).next!;
    expect(s.failures).toBe(14);
    expect(s.runs.map((r) => r.id)).toEqual([
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
      "11",
      "12",
      "13",
      "14",
    ]);
  });
});

describe("decidePackage: success, cancelled, skipped", () => {
  it("resets the count and closes the open issue with a comment", () => {
    const s = state({ failures: 3, runs: [run(99)], issue: 12 });
    const d = decidePackage(facts({ outcome: "success", state: s, tracked: issue() }));
    expect(d.action).toEqual({ kind: "close", issue: 12, comment: true });
    expect(d.next).toEqual({ ...freshState("alpha") });
  });

  it("writes nothing for a package that was already passing", () => {
    const d = decidePackage(facts({ outcome: "success" }));
    expect(d.next).toBeUndefined();
    expect(d.action).toEqual({ kind: "none" });
  });

  it("closes a locked issue without a comment", () => {
    const d = decidePackage(facts({ outcome: "success", tracked: issue({ locked: true }) }));
    expect(d.action).toEqual({ kind: "close", issue: 12, comment: false });
  });

  it.each(["cancelled", "skipped"] as const)("changes nothing on %s", (outcome) => {
    const s = state({ failures: 1, issue: 12 });
    const d = decidePackage(facts({ outcome, state: s, tracked: issue() }));
    expect(d.next).toBeUndefined();
    expect(d).toMatchObject({ action: { kind: "none" }, notes: [] });
  });
});

describe("planRecord", () => {
  it("opens at most max-issues, in name order; the rest wait with their count saved", () => {
    const names = ["a", "b", "c"];
    const decisions = planRecord(
      names.map((name) => ({ ...facts({}), name, state: { ...freshState(name), failures: 1 } })),
      2,
    );
    expect(decisions.map((d) => d.action.kind)).toEqual(["open", "open", "none"]);
    expect(decisions[2]).toMatchObject({ deferred: true, next: { failures: 2, opening: null } });
  });
});

describe("planArchival", () => {
  const at = (days: number) => new Date(NOW - days * 86_400_000 - 1000).toISOString();

  it("posts the latest milestone reached once, and marks the last", () => {
    const issues = [
      issue({ number: 1, createdAt: at(3) }),
      issue({ number: 2, createdAt: at(7) }),
      issue({ number: 3, createdAt: at(15), milestones: [7] }),
      issue({ number: 4, createdAt: at(22), milestones: [7, 14] }),
      issue({ number: 5, createdAt: at(30), milestones: [7, 14, 21] }),
    ];
    const due = planArchival(issues, [7, 14, 21], NOW);
    expect(due.map((m) => [m.issue.number, m.milestone, m.last])).toEqual([
      [2, 7, false],
      [3, 14, false],
      [4, 21, true],
    ]);
  });

  it("skips milestones passed while the bot did not run, saying so", () => {
    const [m] = planArchival([issue({ createdAt: at(16) })], [7, 14, 21], NOW);
    expect(m).toMatchObject({ milestone: 14, passed: [7], age: 16, comment: true });
  });

  it("does not comment on a locked issue", () => {
    const [m] = planArchival([issue({ createdAt: at(8), locked: true })], [7], NOW);
    expect(m).toMatchObject({ milestone: 7, last: true, comment: false });
  });
});
