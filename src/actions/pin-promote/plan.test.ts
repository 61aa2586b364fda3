import { describe, expect, it } from "vitest";
import { A, B, key, pin } from "./pin.fixture.ts";
import { describeUnverified, judgeReadBack, planPin, type ReadBack } from "./plan.ts";

describe("judgeReadBack", () => {
  it("matches on template and region, and tells a mismatch from a missing row", () => {
    const pins = [pin(A, "runtime", "eu"), pin(B, "sandbox"), pin(A)];
    expect(judgeReadBack(pins, key, A)).toEqual({ kind: "match" });
    expect(judgeReadBack(pins, key, B)).toEqual({ kind: "mismatch", actual: A });
    expect(judgeReadBack(pins, { template: "runtime", region: "us" }, A)).toEqual({
      kind: "missing",
      present: ["runtime@eu", "sandbox@global", "runtime@global"],
    });
  });
});

describe("planPin", () => {
  const missing: ReadBack = { kind: "missing", present: [] };
  const mismatch: ReadBack = { kind: "mismatch", actual: A };
  const match: ReadBack = { kind: "match" };

  it.each([
    ["promote-and-verify", false, mismatch, { promote: true, poll: true, alreadyPinned: false }],
    ["promote-and-verify", false, missing, { promote: true, poll: true, alreadyPinned: false }],
    ["promote-and-verify", true, mismatch, { promote: true, poll: false, alreadyPinned: false }],
    ["promote-and-verify", false, match, { promote: false, poll: false, alreadyPinned: true }],
    ["promote", false, mismatch, { promote: true, poll: false, alreadyPinned: false }],
    ["promote", false, match, { promote: false, poll: false, alreadyPinned: true }],
    ["verify", false, mismatch, { promote: false, poll: true, alreadyPinned: false }],
    ["verify", true, missing, { promote: false, poll: true, alreadyPinned: false }],
    ["verify", false, match, { promote: false, poll: false, alreadyPinned: true }],
  ] as const)("%s (dry run %s) from %o", (mode, dryRun, current, expected) => {
    expect(planPin({ mode, dryRun, current })).toEqual(expected);
  });
});

describe("describeUnverified", () => {
  it("prints expected and actual, or the pins present", () => {
    const o = { ...key, digest: B, reads: 13, waitedMs: 60_000 };
    expect(describeUnverified({ kind: "mismatch", actual: A }, o)).toBe(
      `pin runtime@global does not read back as the promoted digest after 13 reads over 60 s: expected ${B}, actual ${A}`,
    );
    const present = Array.from({ length: 12 }, (_, i) => `t${i}@global`);
    expect(describeUnverified({ kind: "missing", present }, { ...o, reads: 1 })).toBe(
      `no pin for template 'runtime' in region 'global' after 1 read over 60 s (pins present: t0@global, t1@global, t2@global, t3@global, t4@global, t5@global, t6@global, t7@global, t8@global, t9@global and 2 more); expected ${B}`,
    );
  });
});
