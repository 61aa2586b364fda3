import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// Every action that talks to GitHub bounds its rate-limit waits by the same input, with the
// same default; the manifest test keeps each schema equal to its action.yml.
const NOT_GITHUB = new Set(["resolve-targets", "pin-promote"]);

describe("max-rate-limit-wait-seconds", () => {
  const names = readdirSync("actions", { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_GITHUB.has(d.name))
    .map((d) => d.name);

  it.each(names)("%s declares it, 900 seconds by default", (name) => {
    const manifest = parse(readFileSync(`actions/${name}/action.yml`, "utf8")) as {
      inputs: Record<string, { default?: string }>;
    };
    expect(manifest.inputs["max-rate-limit-wait-seconds"]?.default).toBe("900");
  });

  it("covers the six actions that talk to GitHub", () => {
    expect(names.sort()).toEqual([
      "cleanup-runs",
      "dispatch",
      "open-pr",
      "roadmap-backfill",
      "smoke-issue-bot",
      "stale-sweep",
    ]);
  });
});
