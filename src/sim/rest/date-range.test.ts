import { describe, expect, it } from "vitest";
import { inRange, parseDateRange } from "./date-range.ts";

const t = (s: string) => Date.parse(s);

describe("parseDateRange (GitHub search date syntax)", () => {
  it("reads a bare date as its whole UTC day", () => {
    const r = parseDateRange("2026-01-02");
    expect(r).toEqual({ from: t("2026-01-02T00:00:00Z"), to: t("2026-01-03T00:00:00Z") });
  });

  it("reads comparisons, with dates and full timestamps", () => {
    const day = parseDateRange(">2026-01-02");
    expect(day?.from).toBe(t("2026-01-03T00:00:00Z"));
    expect(parseDateRange("<=2026-01-02")?.to).toBe(t("2026-01-03T00:00:00Z"));
    expect(parseDateRange("<2026-01-02")?.to).toBe(t("2026-01-02T00:00:00Z"));
    const at = parseDateRange(">=2026-01-02T10:00:00Z");
    expect(at).toEqual({ from: t("2026-01-02T10:00:00Z") });
    expect(inRange(at ?? {}, t("2026-01-02T09:59:59Z"))).toBe(false);
    expect(inRange(at ?? {}, t("2026-01-02T10:00:00Z"))).toBe(true);
  });

  it("reads ranges with open ends", () => {
    expect(parseDateRange("2026-01-01..2026-01-31")).toEqual({
      from: t("2026-01-01T00:00:00Z"),
      to: t("2026-02-01T00:00:00Z"),
    });
    expect(parseDateRange("*..2026-01-31")).toEqual({
      from: undefined,
      to: t("2026-02-01T00:00:00Z"),
    });
    expect(parseDateRange("2026-01-01..*")).toEqual({
      from: t("2026-01-01T00:00:00Z"),
      to: undefined,
    });
  });

  it("gives undefined for anything else", () => {
    for (const bad of ["yesterday", ">=soon", "2026-01-01..later", ""])
      expect(parseDateRange(bad), bad).toBeUndefined();
  });
});
