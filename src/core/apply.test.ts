import { describe, expect, it } from "vitest";
import { applyChanges, LeaveTheRest } from "./apply.ts";
import { Budget } from "./budget.ts";
import { manualClock } from "./clock.ts";
import { defaultPaceSettings, Pacer } from "./pacer.ts";
import { ApiError, classifyError } from "./errors.ts";

const budget = (remaining?: number) => {
  const b = new Budget();
  if (remaining !== undefined)
    b.observe({ "x-ratelimit-remaining": String(remaining), "x-ratelimit-limit": "5000" });
  return b;
};

describe("applyChanges", () => {
  const base = { capInput: "max-operations", floor: 100, describe: (n: number) => `#${n}` };

  it("stops at the cap with a warning naming the input and the leftover", async () => {
    const applied: number[] = [];
    const r = await applyChanges([1, 2, 3, 4, 5], {
      ...base,
      cap: 2,
      budget: budget(),
      apply: async (n) => (applied.push(n), "done"),
    });
    expect(applied).toEqual([1, 2]);
    expect(r.left).toBe(3);
    expect(r.warnings).toEqual(["reached max-operations (2); 3 left for the next run"]);
  });

  it("leaves a change that throws LeaveTheRest and those after it, with a warning and no error", async () => {
    const r = await applyChanges([1, 2, 3, 4], {
      ...base,
      cap: 10,
      budget: budget(),
      apply: async (n) => {
        if (n === 3) throw new LeaveTheRest("another run is making them");
        return n === 2 ? "skipped" : "done";
      },
    });
    expect(r).toMatchObject({ done: [1], skipped: [2], failed: [], left: 2 });
    expect(r.stoppedBy).toBeUndefined();
    expect(r.warnings).toEqual(["another run is making them; 2 left for the next run"]);
  });

  it("writes what fits in the hour's share of content-creating requests, then leaves the rest", async () => {
    // A share of 10: 50 content-creating requests an hour, 8 a minute.
    const clock = manualClock(0);
    const pacer = new Pacer(clock, { ...defaultPaceSettings, share: 10 });
    const applied: number[] = [];
    const r = await applyChanges(
      Array.from({ length: 40 }, (_, n) => n),
      {
        ...base,
        cap: 100,
        budget: budget(),
        pacer,
        // Each change is a label and a comment, as stale-sweep's marks are.
        content: () => 2,
        apply: async (n) => {
          for (let k = 0; k < 2; k++) {
            await pacer.acquire({ restPoints: 5, graphqlPoints: 0, content: 1 });
            pacer.release();
          }
          applied.push(n);
          return "done";
        },
      },
    );
    expect(applied).toHaveLength(25);
    expect(r.left).toBe(15);
    expect(r.warnings).toEqual([
      "this job's share of GitHub's content-creating requests for the hour (50) is spent; stopped with 15 left for the next run",
    ]);
    // It wrote at the minute's pace until the hour's share was spent, and never sat it out.
    expect(clock.now()).toBeLessThan(10 * 61_200);
  });

  it("leaves the rest when the hour runs out mid-change, as another repository drew on it", async () => {
    const pacer = new Pacer(manualClock(0), { ...defaultPaceSettings, share: 100 });
    // Another repository of the same job spends the hour's 5 first.
    for (let k = 0; k < 5; k++) {
      await pacer.acquire({ restPoints: 5, graphqlPoints: 0, content: 1 });
      pacer.release();
    }
    const r = await applyChanges([1, 2, 3], {
      ...base,
      cap: 10,
      budget: budget(),
      // Says it creates nothing, so only the request itself meets the spent hour.
      content: () => 0,
      pacer,
      apply: async () => {
        // As Octokit hands it on: the pacer's refusal as the cause of a request error.
        await pacer.acquire({ restPoints: 5, graphqlPoints: 0, content: 1 }).catch((cause) => {
          throw Object.assign(new Error("request failed"), { status: 500, cause });
        });
        return "done";
      },
    });
    expect(r.done).toEqual([]);
    expect(r.failed).toEqual([]);
    expect(r.left).toBe(3);
    expect(r.warnings).toEqual([
      "this job's share of GitHub's content-creating requests for the hour (5) is spent; stopped with 3 left for the next run",
    ]);
  });

  it("stops at the rate-limit floor", async () => {
    const b = budget(102);
    const r = await applyChanges([1, 2, 3, 4], {
      ...base,
      cap: 10,
      budget: b,
      apply: async () => {
        b.observe({ "x-ratelimit-remaining": String((b.get()?.remaining ?? 0) - 1) });
        return "done";
      },
    });
    expect(r.done).toEqual([1, 2]);
    expect(r.left).toBe(2);
    expect(r.warnings[0]).toBe(
      "rate-limit floor reached (100 requests left, min-remaining 100); stopped with 2 left for the next run",
    );
  });

  it("reports a change that fails on its own and goes on", async () => {
    const r = await applyChanges([1, 2, 3], {
      ...base,
      cap: 10,
      budget: budget(),
      apply: async (n) => {
        if (n === 2) throw new ApiError("forbidden", 403, "403 Forbidden: nope");
        return n === 3 ? "skipped" : "done";
      },
    });
    expect(r.done).toEqual([1]);
    expect(r.skipped).toEqual([3]);
    expect(r.failed).toEqual([{ change: 2, error: "403 Forbidden: nope" }]);
  });

  it("stops everything on an exhausted rate limit", async () => {
    const r = await applyChanges([1, 2, 3], {
      ...base,
      cap: 10,
      budget: budget(),
      apply: async (n) => {
        if (n === 2) throw new ApiError("rate-limited", 403, "the primary rate limit is exhausted");
        return "done";
      },
    });
    expect(r.done).toEqual([1]);
    expect(r.left).toBe(2);
    expect(r.stoppedBy).toBe("the primary rate limit is exhausted; 2 changes left undone");
  });

  it("stops everything on a permission the token lacks, and not on a 403 about one item", async () => {
    const tried: number[] = [];
    const r = await applyChanges([1, 2, 3, 4], {
      ...base,
      cap: 10,
      budget: budget(),
      apply: async (n) => {
        tried.push(n);
        if (n === 2) throw new ApiError("forbidden", 403, "403 Forbidden: issue is locked");
        if (n === 3) {
          throw classifyError(
            {
              status: 403,
              response: {
                headers: { "x-accepted-github-permissions": "issues=write" },
                data: { message: "Resource not accessible by integration" },
              },
            },
            { doing: "closing #3" },
          );
        }
        return "done";
      },
    });
    expect(tried).toEqual([1, 2, 3]);
    expect(r.done).toEqual([1]);
    expect(r.failed).toEqual([{ change: 2, error: "403 Forbidden: issue is locked" }]);
    expect(r.left).toBe(2);
    expect(r.stoppedBy).toBe(
      "closing #3: 403 Forbidden: Resource not accessible by integration; the token needs permission issues=write; 2 changes left undone",
    );
  });
});
