import { describe, expect, it } from "vitest";
import {
  capPlan,
  DAY_MS,
  needsTimeline,
  planSweep,
  type IssueSummary,
  type RepoSnapshot,
  type SweepRules,
} from "./plan.ts";
import type { MarkState } from "./read-mark.ts";

const NOW = Date.UTC(2026, 5, 1);
/** Mirrors action.yml's defaults. */
const DEFAULT_RULES: SweepRules = Object.freeze({
  daysBeforeStale: 30,
  daysBeforeClose: 7,
  staleLabel: "stale",
  exemptLabels: Object.freeze(["pinned", "security", "sdk-drift", "adk-drift", "docs-coverage"]),
});

const ago = (days: number) => NOW - days * DAY_MS;
let counter = 0;
const issue = (o: Partial<IssueSummary> & { idleDays?: number } = {}): IssueSummary => {
  const number = o.number ?? ++counter;
  return {
    number,
    title: `issue ${number}`,
    url: `https://github.com/acme/a/issues/${number}`,
    labels: o.labels ?? [],
    updatedAt: o.updatedAt ?? ago(o.idleDays ?? 0),
    pullRequest: o.pullRequest ?? false,
  };
};
const marked = (days: number, o: Partial<MarkState> = {}): MarkState => ({
  markedAt: ago(days),
  markedBy: "fleet-app[bot]",
  closeCommented: false,
  warnedAt: ago(days),
  ...o,
});
const snapshot = (o: Partial<RepoSnapshot>): RepoSnapshot => ({
  staleLabeled: [],
  idle: [],
  labelExists: true,
  ...o,
});
const kinds = (changes: { kind: string; issue: IssueSummary }[]) =>
  changes.map((c) => `${c.kind} #${c.issue.number}`);

describe("planSweep", () => {
  it("marks open issues idle at least days-before-stale, most idle first", () => {
    const plan = planSweep(
      snapshot({
        idle: [
          issue({ number: 1, idleDays: 31 }),
          issue({ number: 2, idleDays: 30 }),
          issue({ number: 3, idleDays: 29 }),
          issue({ number: 4, idleDays: 400 }),
        ],
      }),
      DEFAULT_RULES,
      NOW,
    );
    expect(kinds(plan.changes)).toEqual(["mark #4", "mark #1", "mark #2"]);
    expect(plan.createLabel).toBe(false);
  });

  it("never marks pull requests, exempt issues or issues already stale", () => {
    const plan = planSweep(
      snapshot({
        idle: [
          issue({ idleDays: 90, pullRequest: true }),
          issue({ idleDays: 90, labels: ["bug", "Pinned"] }),
          issue({ idleDays: 90, labels: ["stale"] }),
        ],
      }),
      DEFAULT_RULES,
      NOW,
    );
    expect(plan.changes).toEqual([]);
  });

  it("un-stales an issue with activity by someone else since the mark, whatever its age", () => {
    const i = issue({ number: 7, labels: ["stale"], idleDays: 2 });
    const activity = { event: "commented", actor: "alice", at: ago(2) };
    const plan = planSweep(
      snapshot({ staleLabeled: [{ issue: i, mark: marked(20, { activity }) }] }),
      DEFAULT_RULES,
      NOW,
    );
    expect(plan.changes).toEqual([{ kind: "unstale", issue: i, activity }]);
  });

  it("closes after days-before-close without activity, and not a day earlier", () => {
    const due = issue({ number: 1, labels: ["stale"] });
    const early = issue({ number: 2, labels: ["stale"] });
    const plan = planSweep(
      snapshot({
        staleLabeled: [
          { issue: early, mark: marked(6.9) },
          { issue: due, mark: marked(7) },
        ],
      }),
      DEFAULT_RULES,
      NOW,
    );
    expect(plan.changes).toEqual([{ kind: "close", issue: due, markedAt: ago(7), comment: true }]);
  });

  it("does not post a second close comment when its own is already there", () => {
    const i = issue({ labels: ["stale"] });
    const plan = planSweep(
      snapshot({ staleLabeled: [{ issue: i, mark: marked(9, { closeCommented: true }) }] }),
      DEFAULT_RULES,
      NOW,
    );
    expect(plan.changes).toEqual([{ kind: "close", issue: i, markedAt: ago(9), comment: false }]);
  });

  it("never touches exempt issues or pull requests even when they carry the stale label", () => {
    const exempt = issue({ labels: ["stale", "security"] });
    const pr = issue({ labels: ["stale"], pullRequest: true });
    expect(needsTimeline(exempt, DEFAULT_RULES)).toBe(false);
    expect(needsTimeline(pr, DEFAULT_RULES)).toBe(false);
    const plan = planSweep(
      snapshot({
        staleLabeled: [
          { issue: exempt, mark: marked(90) },
          { issue: pr, mark: marked(90) },
        ],
      }),
      DEFAULT_RULES,
      NOW,
    );
    expect(plan.changes).toEqual([]);
  });

  it("reports stale-labeled issues it cannot date instead of guessing", () => {
    const i = issue({ labels: ["stale"] });
    const plan = planSweep(snapshot({ staleLabeled: [{ issue: i }] }), DEFAULT_RULES, NOW);
    expect(plan).toEqual({ changes: [], undated: [i], createLabel: false });
  });

  it("orders un-stales, then closes (oldest mark first), then marks", () => {
    const plan = planSweep(
      snapshot({
        idle: [issue({ number: 1, idleDays: 50 })],
        staleLabeled: [
          { issue: issue({ number: 2, labels: ["stale"] }), mark: marked(8) },
          { issue: issue({ number: 3, labels: ["stale"] }), mark: marked(12) },
          {
            issue: issue({ number: 4, labels: ["stale"] }),
            mark: marked(1, { activity: { event: "commented", actor: "x", at: ago(0) } }),
          },
        ],
      }),
      DEFAULT_RULES,
      NOW,
    );
    expect(kinds(plan.changes)).toEqual(["unstale #4", "close #3", "close #2", "mark #1"]);
  });

  it("asks for the label only when a mark needs it", () => {
    const idle = [issue({ idleDays: 45 })];
    expect(planSweep(snapshot({ idle, labelExists: false }), DEFAULT_RULES, NOW).createLabel).toBe(
      true,
    );
    expect(planSweep(snapshot({ labelExists: false }), DEFAULT_RULES, NOW).createLabel).toBe(false);
  });

  it("follows the rules it is given", () => {
    const rules = {
      ...DEFAULT_RULES,
      daysBeforeStale: 5,
      staleLabel: "inactive",
      exemptLabels: [],
    };
    const plan = planSweep(
      snapshot({ idle: [issue({ number: 1, idleDays: 6, labels: ["pinned"] })] }),
      rules,
      NOW,
    );
    expect(kinds(plan.changes)).toEqual(["mark #1"]);
  });
});

describe("capPlan", () => {
  const plan = planSweep(
    snapshot({
      labelExists: false,
      idle: [issue({ number: 10, idleDays: 60 }), issue({ number: 11, idleDays: 50 })],
      staleLabeled: [
        { issue: issue({ number: 1, labels: ["stale"] }), mark: marked(10) },
        {
          issue: issue({ number: 2, labels: ["stale"] }),
          mark: marked(10, { activity: { event: "commented", actor: "x", at: ago(1) } }),
        },
      ],
    }),
    DEFAULT_RULES,
    NOW,
  );

  it("counts mutating requests: un-stale 1, close 2, label 1, mark 2", () => {
    const all = capPlan(plan, 300);
    expect(all).toMatchObject({ operations: 8, createLabel: true, left: [] });
    expect(kinds(all.kept)).toEqual(["unstale #2", "close #1", "mark #10", "mark #11"]);
  });

  it("stops at the first change that does not fit and leaves the rest", () => {
    const capped = capPlan(plan, 5);
    expect(kinds(capped.kept)).toEqual(["unstale #2", "close #1"]);
    expect(kinds(capped.left)).toEqual(["mark #10", "mark #11"]);
    expect(capped).toMatchObject({ operations: 3, createLabel: false });
    expect(capPlan(plan, 6)).toMatchObject({ operations: 6, createLabel: true });
  });
});
