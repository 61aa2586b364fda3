import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, parseScenario, parseScenarioText, ScenarioError } from "./load.ts";

/** The problems a scenario text is rejected with (the test fails if it is accepted). */
function problems(text: string): string[] {
  try {
    parseScenarioText(text, "s.yaml");
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error("the scenario was accepted");
}

describe("scenario validation", () => {
  it("names an unknown key with its line, a hint and the keys allowed", () => {
    const text = [
      "orgs:",
      "  - login: acme",
      "    repos:",
      "      - name: api",
      "        issuse: { count: 1 }",
    ];
    expect(problems(text.join("\n"))).toEqual([
      "s.yaml:5:9: orgs[0].repos[0].issuse: found unknown key 'issuse' (did you mean 'issues'?), " +
        "allowed the keys name, count, private, archived, actionsEnabled, defaultBranch, issues, workflows, files, rules",
    ]);
  });

  it("collects every field error of a file, in file order", () => {
    const text = `orgs:
  - login: acme
    repos:
      - name: api
        issues: { count: 10, exemptShare: 1.5, ageDays: [10, 2] }
        workflows:
          - file: ci.yml
            conclusions: { skiped: 1 }
          - file: ci
            state: gone
`;
    expect(problems(text)).toEqual([
      "s.yaml:5:43: orgs[0].repos[0].issues.exemptShare: found 1.5, allowed a number <= 1",
      "s.yaml:5:57: orgs[0].repos[0].issues.ageDays: found a list, allowed [min, max] with min <= max",
      "s.yaml:8:28: orgs[0].repos[0].workflows[0].conclusions.skiped: found unknown key 'skiped' (did you mean 'skipped'?), " +
        "allowed the keys action_required, cancelled, failure, neutral, skipped, stale, startup_failure, success, timed_out",
      "s.yaml:9:19: orgs[0].repos[0].workflows[1].file: found 'ci', allowed a workflow file name such as ci.yml",
      "s.yaml:10:20: orgs[0].repos[0].workflows[1].state: found 'gone', " +
        "allowed one of 'active', 'deleted', 'disabled_manually', 'disabled_inactivity'",
    ]);
  });

  it("checks references across fields: boards, shares, active runs, duplicates, token scopes", () => {
    const text = `orgs:
  - login: acme
    boards: [{ number: 7, title: Roadmap }]
    repos:
      - name: api
        issues: { count: 10, boards: [{ number: 9, share: 0.5 }, { number: 7, share: 0.6 }] }
        workflows: [{ file: a.yml, runs: 2, active: 3 }]
      - name: API
tokens:
  - login: x
    repositories: [acme/web]
`;
    expect(problems(text)).toEqual([
      "s.yaml:6:38: orgs[0].repos[0].issues.boards: found board shares adding up to 1.1, allowed at most 1 in total",
      "s.yaml:6:49: orgs[0].repos[0].issues.boards[0].number: found board 9, allowed a board of org 'acme' (7)",
      "s.yaml:7:53: orgs[0].repos[0].workflows[0].active: found 3 active runs, allowed at most the 2 runs",
      "s.yaml:8:15: orgs[0].repos[1].name: found repository 'acme/API' again, allowed each owner/name once (case-insensitively)",
      "s.yaml:11:20: tokens[0].repositories[0]: found 'acme/web', allowed a repository of the scenario",
    ]);
  });

  it("says what a missing field, a bad time, a bad union and a bad root are", () => {
    expect(problems("orgs: [{ login: acme, repos: [{ name: api, issues: {} }] }]")).toEqual([
      "s.yaml:1:52: orgs[0].repos[0].issues.count: found nothing (the field is required), allowed a number",
    ]);
    expect(problems("now: yesterday\norgs: []")).toEqual([
      "s.yaml:1:6: now: found 'yesterday', allowed an ISO timestamp such as 2026-06-01T00:00:00Z, or epoch milliseconds",
    ]);
    expect(
      problems(
        "orgs: [{ login: acme, repos: [{ name: a, workflows: [{ file: x.yml, dispatch: 3 }] }] }]",
      ),
    ).toEqual([
      "s.yaml:1:79: orgs[0].repos[0].workflows[0].dispatch: found 3, allowed true, false, or a map of input names to { required: true|false }",
    ]);
    expect(problems("- 1")).toEqual([
      "s.yaml:1:1: (root): found a list, allowed a map with orgs, and optionally seed, now, admin, tokens",
    ]);
    expect(problems("orgs: [ { login: acme }")[0]).toMatch(
      /^s\.yaml:1:\d+: found invalid YAML \(\w+\), allowed one YAML document$/,
    );
  });

  it("validates specs given as data too, naming the field", () => {
    expect(() => parseScenario({ orgs: [{ login: "acme", repos: [{ name: "a b" }] }] })).toThrow(
      "scenario: orgs[0].repos[0].name: found 'a b', allowed a GitHub repository name: letters, digits, '.', '_', '-'",
    );
  });

  it("fills defaults, and `now` from the caller only when the file has none", () => {
    const spec = parseScenarioText("orgs: [{ login: acme, repos: [{ name: api }] }]", "s.yaml", {
      now: 5_000,
    });
    expect(spec.now).toBe(5_000);
    expect(spec.seed).toBe(1);
    expect(spec.orgs[0]!.repos[0]!.defaultBranch).toBe("main");
    const fixed = parseScenarioText("now: 2026-01-01T00:00:00Z\norgs: []", "s.yaml", {
      now: 5_000,
    });
    expect(fixed.now).toBe("2026-01-01T00:00:00Z");
  });

  it("reads JSON files as well as YAML, and names a missing file", () => {
    const dir = mkdtempSync(join(tmpdir(), "fleet-scenario-"));
    const file = join(dir, "s.json");
    writeFileSync(
      file,
      JSON.stringify(
        { seed: 3, orgs: [{ login: "acme", repos: [{ name: "api", count: 0 }] }] },
        null,
        2,
      ),
    );
    expect(() => loadScenarioFile(file)).toThrow(
      `${file}:9:20: orgs[0].repos[0].count: found 0, allowed a number >= 1`,
    );
    expect(() => loadScenarioFile(join(dir, "nope.yaml"))).toThrow(
      /nope\.yaml: found no readable file \(ENOENT.*\), allowed a scenario file \(YAML or JSON\)$/,
    );
  });
});
