import { describe, expect, it } from "vitest";
import { confirmWindows } from "./confirm-windows.ts";
import type { Candidate } from "./plan.ts";

const T0 = Date.parse("2026-01-01T00:00:00+00:00");
const candidate = (id: number, second: number): Candidate => ({
  id,
  workflowId: 1,
  createdAt: new Date(T0 + second * 1000).toISOString(),
  createdMs: T0 + second * 1000,
  retired: false,
});

describe("confirmWindows", () => {
  it("groups candidates so each window's completed runs fit one page", () => {
    // Completed runs one per second for 10 s; candidates at seconds 0, 2, 4, 6, 8.
    const completed = Array.from({ length: 10 }, (_, s) => T0 + s * 1000);
    const candidates = [0, 2, 4, 6, 8].map((s) => candidate(s, s));
    const windows = confirmWindows(candidates, completed, 5);
    expect(windows.map((w) => [w.from, w.to, w.candidates.map((c) => c.id)])).toEqual([
      ["2026-01-01T00:00:00+00:00", "2026-01-01T00:00:04+00:00", [0, 2, 4]],
      ["2026-01-01T00:00:06+00:00", "2026-01-01T00:00:08+00:00", [6, 8]],
    ]);
  });

  it("keeps a crowded second in one window, and never splits a second across windows", () => {
    const completed = [...Array(7).fill(T0), T0 + 1000, T0 + 1000];
    const candidates = [candidate(1, 0), candidate(2, 0), candidate(3, 1), candidate(4, 1)];
    const windows = confirmWindows(candidates, completed, 3);
    expect(windows.map((w) => w.candidates.map((c) => c.id))).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("makes no window without candidates", () => {
    expect(confirmWindows([], [T0], 100)).toEqual([]);
  });
});
