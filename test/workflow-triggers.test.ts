import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  calleeInputs,
  callWith,
  concurrencyGroup,
  reusableCalls,
  runContexts,
  type RunEvent,
} from "./helpers/caller.ts";
import { asString, interpolate } from "./helpers/expressions.ts";

// Fail-safe dry runs: a template acts for real only on the events it is meant for, or by hand
// with dry_run unticked. Every other event previews, including one an adopter adds (`push`),
// because GitHub's `null == false` would otherwise turn a missing input into a real run.

/** The events each template acts for real on, besides a manual run with dry_run false. */
const realOn: Record<string, string[]> = {
  "backfill-roadmap.yml": ["schedule"],
  "bump-adl.yml": [],
  "bump-codex.yml": ["schedule"],
  "cleanup-runs.yml": ["schedule"],
  "migrate-claude.yml": [],
  "promote-pin.yml": ["push"],
  "publish-cascade.yml": ["release"],
  "refresh-agent-manifest.yml": [],
  "smoke.yml": ["schedule"],
  "stale.yml": ["schedule"],
  "trigger-cd.yml": [],
};

const events: RunEvent[] = [
  { name: "schedule" },
  { name: "release" },
  { name: "push" },
  { name: "pull_request" },
  { name: "workflow_run" },
  { name: "workflow_dispatch" },
  { name: "workflow_dispatch", inputs: { dry_run: true } },
  { name: "workflow_dispatch", inputs: { dry_run: false } },
];
const label = (e: RunEvent) => `${e.name}${e.inputs ? ` ${JSON.stringify(e.inputs)}` : ""}`;
const actsForReal = (template: string, path: string, e: RunEvent) =>
  realOn[template]!.includes(e.name) ||
  (e.name === "workflow_dispatch" &&
    e.inputs?.dry_run === false &&
    "dry_run" in runContexts(path, { name: "workflow_dispatch" }).inputs);

/** For each template, the calls whose reusable workflow takes `dry_run`. */
const templates = readdirSync("workflows")
  .filter((f) => f.endsWith(".yml"))
  .sort()
  .map((file) => {
    const path = join("workflows", file);
    const calls = Object.entries(reusableCalls(path)).filter(
      ([, callee]) => "dry_run" in calleeInputs(callee, {}),
    );
    return { file, path, calls };
  })
  .filter((t) => t.calls.length > 0);

describe("caller templates", () => {
  it("say which events each acts for real on", () => {
    expect(templates.map((t) => t.file)).toEqual(Object.keys(realOn));
  });

  describe.each(templates)("workflows/$file", ({ file, path, calls }) => {
    it.each(events.map((e) => [label(e), e] as const))("on %s", (_, event) => {
      const contexts = runContexts(path, event);
      for (const [job] of calls) {
        const given = callWith(path, job, contexts);
        expect(given.dry_run, `job ${job}`).toBe(!actsForReal(file, path, event));
      }
    });
  });
});

/** Templates whose real runs must never overlap. */
const serialised = templates.filter((t) =>
  concurrencyGroup(t.path, runContexts(t.path, { name: "push" })),
);

describe("concurrency of caller templates", () => {
  it("covers the sweeps, trigger-cd and the PR fan-outs", () => {
    expect(serialised.map((t) => t.file)).toEqual([
      "backfill-roadmap.yml",
      "bump-adl.yml",
      "bump-codex.yml",
      "cleanup-runs.yml",
      "migrate-claude.yml",
      "refresh-agent-manifest.yml",
      "stale.yml",
      "trigger-cd.yml",
    ]);
  });

  describe.each(serialised)("workflows/$file", ({ path }) => {
    const group = (event: RunEvent) => concurrencyGroup(path, runContexts(path, event))!;
    const real: RunEvent = { name: "workflow_dispatch", inputs: { dry_run: false } };
    const preview = (runId: number): RunEvent => ({ name: "workflow_dispatch", runId });

    it("puts every real run in one group, so they run one at a time", () => {
      expect(group({ ...real, runId: 1 })).toBe(group({ ...real, runId: 2 }));
    });

    it("gives each dry run a group of its own: it neither waits behind nor cancels a real run", () => {
      expect(group(preview(3))).not.toBe(group(real));
      expect(group(preview(3))).not.toBe(group(preview(4)));
      expect(group({ name: "push", runId: 5 })).not.toBe(group(real));
    });
  });
});

describe(".github/workflows/promote-pin.yml", () => {
  const path = join(".github", "workflows", "promote-pin.yml");
  const job = (
    parse(readFileSync(path, "utf8")) as {
      jobs: { promote: { concurrency: { group: string }; environment: string } };
    }
  ).jobs.promote;
  const contexts = (environment: string, inputs: Record<string, unknown>, runId = 1) => ({
    github: { repository: "acme/runtime", run_id: String(runId) },
    inputs: calleeInputs(path, { template: "runtime", digest: "sha256:1", ...inputs }),
    matrix: { environment },
  });
  const group = (...args: Parameters<typeof contexts>) =>
    asString(interpolate(job.concurrency.group, contexts(...args)));

  it("runs the promotions of one environment one at a time, in order", () => {
    expect(group("prod", {}, 1)).toBe(group("prod", {}, 2));
    expect(group("prod", {})).not.toBe(group("staging", {}));
  });

  it("never makes a dry run wait behind a promotion", () => {
    expect(group("prod", { dry_run: true }, 3)).not.toBe(group("prod", {}, 3));
  });

  it("runs a promotion in the GitHub environment named for it, and the others in none", () => {
    const environments = { deployment_environments: '{"prod": "production"}' };
    const environment = (name: string, inputs: Record<string, unknown>) =>
      asString(interpolate(job.environment, contexts(name, inputs)));
    expect(environment("prod", environments)).toBe("production");
    expect(environment("staging", environments)).toBe("");
    expect(environment("prod", {})).toBe("");
  });
});
