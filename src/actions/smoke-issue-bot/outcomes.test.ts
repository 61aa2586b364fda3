import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readOutcomes } from "./outcomes.ts";

const dir = () => mkdtempSync(join(tmpdir(), "smoke-outcomes-"));

describe("readOutcomes", () => {
  it("reads inline JSON, sorted by package", () => {
    expect([...readOutcomes('{"beta": "failure", "alpha": " Success "}', "/")]).toEqual([
      ["alpha", "success"],
      ["beta", "failure"],
    ]);
  });

  it("reads a file relative to the working folder", () => {
    const d = dir();
    writeFileSync(join(d, "o.json"), '{"alpha": "cancelled"}');
    expect(readOutcomes("o.json", d).get("alpha")).toBe("cancelled");
  });

  it("merges a folder of per-leg files; a failure on any leg wins, then cancelled", () => {
    const d = dir();
    mkdirSync(join(d, "legs"));
    writeFileSync(
      join(d, "legs", "smoke-outcome-0.json"),
      '{"alpha": "success", "beta": "success"}',
    );
    writeFileSync(
      join(d, "legs", "smoke-outcome-1.json"),
      '{"alpha": "failure", "beta": "cancelled"}',
    );
    writeFileSync(join(d, "legs", "notes.txt"), "not an outcome");
    expect(Object.fromEntries(readOutcomes("legs", d))).toEqual({
      alpha: "failure",
      beta: "cancelled",
    });
  });

  it.each([
    [
      '{"alpha": "passed"}',
      `outcomes (inline JSON): package 'alpha': found "passed", allowed one of success, failure, cancelled, skipped`,
    ],
    [
      '{"alpha": 1}',
      `outcomes (inline JSON): package 'alpha': found 1, allowed one of success, failure, cancelled, skipped`,
    ],
    ['{"../etc": "success"}', "outcomes (inline JSON): package '../etc': allowed letters, digits"],
    [
      '{"@scope/pkg": "success"}',
      "outcomes (inline JSON): package '@scope/pkg': allowed letters, digits",
    ],
    ['{"a..b": "success"}', "outcomes (inline JSON): package 'a..b': allowed a name without '..'"],
    ['{"alpha": "success",}', "outcomes (inline JSON): malformed JSON ("],
    ["{}", "outcomes (inline JSON): no package outcomes in it"],
  ])("rejects %s", (raw, message) => {
    expect(() => readOutcomes(raw, "/")).toThrow(message);
  });

  it("names the file of a bad leg, and an array instead of an object", () => {
    const d = dir();
    mkdirSync(join(d, "legs"));
    writeFileSync(join(d, "legs", "a.json"), '{"alpha": "success"}');
    writeFileSync(join(d, "legs", "b.json"), '["alpha"]');
    expect(() => readOutcomes("legs", d)).toThrow(
      `outcomes ${join("legs", "b.json")}: found an array, allowed an object like {"<package>": "success"}`,
    );
  });

  it("fails on a missing path or a folder without outcome files, never 'nothing failed'", () => {
    const d = dir();
    expect(() => readOutcomes("missing", d)).toThrow(
      "outcomes: found 'missing', which does not exist",
    );
    expect(() => readOutcomes("/etc/passwd", d)).toThrow(
      "outcomes: found '/etc/passwd', which is outside the workspace",
    );
    mkdirSync(join(d, "empty"));
    expect(() => readOutcomes("empty", d)).toThrow("outcomes folder empty: no .json files in it");
  });
});
