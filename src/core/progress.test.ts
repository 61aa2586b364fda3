import { describe, expect, it } from "vitest";
import { runInMemory } from "../../test/helpers/host.ts";
import { testDeps } from "../../test/helpers/deps.ts";
import { manualClock } from "./clock.ts";
import { memoryLogger } from "./logger.ts";
import { progressReporter } from "./progress.ts";
import { toyAction } from "./toy-action.fixture.ts";

/** The lines a reporter logs over `total` items that take `stepMs` each. */
function linesOver(total: number, stepMs: number): string[] {
  const clock = manualClock(0);
  const log = memoryLogger();
  const tick = progressReporter({ label: "acme/app", counting: "changes done", clock, log });
  for (let done = 1; done <= total; done++) {
    clock.advance(stepMs);
    tick(done, total);
  }
  return log.lines.map((l) => l.message);
}

describe("progressReporter", () => {
  it("says done/total and the time left at most once every 10 s, never at the start or the end", () => {
    expect(linesOver(40, 4_000)).toEqual([
      "acme/app: 3/40 changes done, about 2 min 28 s left",
      "acme/app: 6/40 changes done, about 2 min 16 s left",
      "acme/app: 9/40 changes done, about 2 min 4 s left",
      "acme/app: 12/40 changes done, about 1 min 52 s left",
      "acme/app: 15/40 changes done, about 1 min 40 s left",
      "acme/app: 18/40 changes done, about 1 min 28 s left",
      "acme/app: 21/40 changes done, about 1 min 16 s left",
      "acme/app: 24/40 changes done, about 1 min 4 s left",
      "acme/app: 27/40 changes done, about 52 s left",
      "acme/app: 30/40 changes done, about 40 s left",
      "acme/app: 33/40 changes done, about 28 s left",
      "acme/app: 36/40 changes done, about 16 s left",
      "acme/app: 39/40 changes done, about 4 s left",
    ]);
  });

  it("says nothing of work that ends within 10 s", () => {
    expect(linesOver(9, 1_000)).toEqual([]);
  });
});

describe("the pipeline's progress on slow changes", () => {
  const clock = manualClock(0);
  /** Fifteen changes in one repository, each taking a second of the manual clock. */
  const slow = toyAction({
    concurrency: 1,
    changes: () => Array.from({ length: 15 }, (_, i) => i),
    apply: async () => {
      clock.advance(1_000);
      return "done";
    },
    finish: () => ({ outputs: {} }),
  });

  it("logs a line with done/total and the time left every 10 s, in every action", async () => {
    const run = await runInMemory(
      slow,
      { repositories: "acme/app", token: "t0ken", "dry-run": "false" },
      testDeps({ clock }),
    );
    expect(run.code).toBe(0);
    expect(run.log.lines.map((l) => l.message)).toEqual([
      "acme/app: 10/15 changes done, about 5 s left",
      expect.stringMatching(/^\[1\/1\] acme\/app: ok, 15 done, 0 left/),
    ]);
  });
});
