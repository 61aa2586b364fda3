import { describe, expect, it } from "vitest";
import { readInputs } from "../../core/inputs.ts";
import { planOptions, schema } from "./inputs.ts";
import { planCleanup, stillDeletable, type RunInfo, type WorkflowInfo } from "./plan.ts";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const DAY = 86_400_000;

/** The inputs a workflow gets when it sets nothing but the repositories: action.yml's defaults. */
const DEFAULT_INPUTS = Object.freeze(
  readInputs(schema, (n) => (n === "repositories" ? "acme/a" : ""), { GITHUB_TOKEN: "t" }),
);

const options = (overrides: Record<string, unknown> = {}) =>
  planOptions({ ...DEFAULT_INPUTS, ...overrides } as typeof DEFAULT_INPUTS, NOW);

const ci: WorkflowInfo = { id: 1, name: "CI", path: ".github/workflows/ci.yml", state: "active" };
const bot: WorkflowInfo = {
  id: 2,
  name: "Bot",
  path: ".github/workflows/bot.yml",
  state: "disabled_manually",
};
const gone: WorkflowInfo = {
  id: 3,
  name: "Old",
  path: ".github/workflows/old.yml",
  state: "deleted",
};

let nextId = 100;
function run(o: Partial<RunInfo> & { daysAgo: number }): RunInfo {
  const { daysAgo, ...rest } = o;
  return {
    id: nextId++,
    workflowId: 1,
    name: "CI",
    path: ".github/workflows/ci.yml",
    status: "completed",
    conclusion: "skipped",
    createdAt: new Date(NOW - daysAgo * DAY).toISOString().replace(".000Z", "Z"),
    ...rest,
  };
}

describe("DEFAULT_INPUTS", () => {
  it("mirrors action.yml: skipped runs, keep none, any age, 1,000 deletes, floor 100, dry run", () => {
    expect(DEFAULT_INPUTS).toMatchObject({
      "dry-run": true,
      conclusions: ["skipped"],
      "keep-last": 0,
      "older-than-days": 0,
      "max-deletes": 1000,
      "min-remaining": 100,
      "max-rate-limit-wait-seconds": 900,
    });
  });
});

describe("planCleanup", () => {
  it("with the defaults deletes completed skipped runs of live workflows, oldest first", () => {
    const runs = [
      run({ daysAgo: 1 }),
      run({ daysAgo: 3, conclusion: "success" }),
      run({ daysAgo: 5 }),
      run({ daysAgo: 0, status: "in_progress", conclusion: null }),
    ];
    const plan = planCleanup([ci], runs, options());
    expect(plan.candidates.map((c) => c.id)).toEqual([runs[2]!.id, runs[0]!.id]);
    expect(plan).toMatchObject({ listed: 4, protected: 0 });
    expect(plan.workflows).toEqual([
      {
        id: 1,
        name: "CI",
        path: ".github/workflows/ci.yml",
        retired: false,
        runs: 4,
        protected: 0,
        candidates: 2,
      },
    ]);
  });

  it("protects the newest keep-last completed runs across live workflows, whatever they are", () => {
    const runs = [
      run({ daysAgo: 1, conclusion: "success" }),
      run({ daysAgo: 2, workflowId: 2, name: "Bot" }),
      run({ daysAgo: 3 }),
      run({ daysAgo: 4 }),
      run({ daysAgo: 0.5, status: "queued", conclusion: null }),
    ];
    const plan = planCleanup([ci, bot], runs, options({ "keep-last": 2 }));
    expect(plan.protected).toBe(2);
    expect(plan.candidates.map((c) => c.id)).toEqual([runs[3]!.id, runs[2]!.id]);
    const bots = plan.workflows.find((w) => w.id === 2)!;
    expect(bots).toMatchObject({ retired: false, protected: 1, candidates: 0 });
  });

  it("removes retired workflows' completed runs in full: any conclusion, despite keep-last", () => {
    const runs = [
      run({ daysAgo: 1, workflowId: 3, name: "Old", conclusion: "success" }),
      run({ daysAgo: 2, workflowId: 9, name: "Ancient", path: ".github/workflows/a.yml" }),
      run({ daysAgo: 3, workflowId: 9, status: "in_progress", conclusion: null }),
      run({ daysAgo: 4, conclusion: "failure" }),
    ];
    const plan = planCleanup([ci, gone], runs, options({ "keep-last": 5 }));
    expect(plan.protected).toBe(1);
    expect(plan.candidates.map((c) => [c.id, c.retired])).toEqual([
      [runs[1]!.id, true],
      [runs[0]!.id, true],
    ]);
    expect(plan.workflows.map((w) => [w.name, w.path, w.retired, w.runs])).toEqual([
      ["CI", ".github/workflows/ci.yml", false, 1],
      ["Ancient", ".github/workflows/a.yml", true, 2],
      ["Old", ".github/workflows/old.yml", true, 1],
    ]);
  });

  it("keeps runs newer than older-than-days, retired ones included", () => {
    const runs = [
      run({ daysAgo: 6 }),
      run({ daysAgo: 8 }),
      run({ daysAgo: 2, workflowId: 3 }),
      run({ daysAgo: 9, workflowId: 3 }),
    ];
    const plan = planCleanup([ci, gone], runs, options({ "older-than-days": 7 }));
    expect(plan.candidates.map((c) => c.id)).toEqual([runs[3]!.id, runs[1]!.id]);
  });

  it("matches a list of conclusions, or every conclusion with all", () => {
    const runs = [
      run({ daysAgo: 1, conclusion: "cancelled" }),
      run({ daysAgo: 2, conclusion: "success" }),
      run({ daysAgo: 3, conclusion: "skipped" }),
    ];
    const two = planCleanup([ci], runs, options({ conclusions: ["skipped", "cancelled"] }));
    expect(two.candidates).toHaveLength(2);
    const all = planCleanup([ci], runs, options({ conclusions: ["all"], "keep-last": 1 }));
    expect(all.candidates.map((c) => c.id)).toEqual([runs[2]!.id, runs[1]!.id]);
  });

  it("plans nothing when nothing matches (a second run after a full prune)", () => {
    const plan = planCleanup([ci], [run({ daysAgo: 1, conclusion: "success" })], options());
    expect(plan.candidates).toEqual([]);
  });
});

describe("stillDeletable", () => {
  const [candidate] = planCleanup([ci], [run({ daysAgo: 1 })], options()).candidates;
  const filter = options().conclusions;

  it("refuses a run that was re-run (queued again) or ended differently", () => {
    expect(stillDeletable(candidate!, { status: "completed", conclusion: "skipped" }, filter)).toBe(
      true,
    );
    expect(stillDeletable(candidate!, { status: "queued", conclusion: null }, filter)).toBe(false);
    expect(stillDeletable(candidate!, { status: "completed", conclusion: "success" }, filter)).toBe(
      false,
    );
  });

  it("lets a retired workflow's run go whatever its new conclusion", () => {
    expect(
      stillDeletable(
        { ...candidate!, retired: true },
        { status: "completed", conclusion: "success" },
        filter,
      ),
    ).toBe(true);
  });
});
