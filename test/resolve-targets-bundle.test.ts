import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBundle } from "./helpers/bundle.ts";

// The committed bundle, spawned as a runner spawns it: INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, the workspace as the working directory.
describe("actions/resolve-targets/dist/index.cjs", () => {
  const workspace = mkdtempSync(join(tmpdir(), "fleet-resolve-bundle-"));
  writeFileSync(
    join(workspace, "fleet.yaml"),
    [
      "owner: acme",
      "targets:",
      "  - { name: python-sdk, kind: sdk }",
      "  - { name: support-agent, kind: agent, orchestrators: { claude: { model: opus } } }",
      "  - { name: tools, owner: acme-labs, kind: agent }",
    ].join("\n"),
  );
  writeFileSync(
    join(workspace, "broken.yaml"),
    "owner: acme\ntargets:\n  - name: a\n    knd: sdk\n",
  );

  it("writes the matrix of the filtered targets", async () => {
    const run = await runBundle(
      "resolve-targets",
      { registry: "fleet.yaml", filter: "${{ kind == 'agent' }}" },
      { cwd: workspace },
    );
    expect(run.stdout).not.toContain("::error::");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs.matrix!)).toEqual({
      include: [
        {
          name: "support-agent",
          owner: "acme",
          kind: "agent",
          repository: "acme/support-agent",
          repositories: "acme/support-agent",
          names: "support-agent",
          orchestrators: { claude: { model: "opus" } },
          meta: {},
        },
        {
          name: "tools",
          owner: "acme-labs",
          kind: "agent",
          repository: "acme-labs/tools",
          repositories: "acme-labs/tools",
          names: "tools",
          orchestrators: {},
          meta: {},
        },
      ],
    });
    expect(run.outputs.count).toBe("2");
    expect(run.outputs.repositories).toBe("acme/support-agent,acme-labs/tools");
    expect(run.summary).toContain("2 of 3 targets selected by `kind == 'agent'` in 2 jobs.");
  });

  it("reads repos.yaml from the workspace by default, sharded to max-jobs", async () => {
    const run = await runBundle("resolve-targets", { "max-jobs": "2" }, { cwd: process.cwd() });
    expect(run.code).toBe(0);
    const entries = JSON.parse(run.outputs.matrix!).include as { name: string }[];
    expect(entries.map((e) => e.name)).toEqual(["acme-1-of-1", "acme-labs-1-of-1"]);
    expect(Number(run.outputs.count)).toBeGreaterThanOrEqual(18);
  });

  it("exits non-zero with an ::error:: naming a bad filter", async () => {
    const run = await runBundle(
      "resolve-targets",
      { registry: "fleet.yaml", filter: "kind == 'agent' && tema == 'x'" },
      { cwd: workspace },
    );
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(
      `::error::resolve-targets: filter "kind == 'agent' && tema == 'x'": unknown name 'tema' at column 20`,
    );
    expect(run.outputs.matrix).toBeUndefined();
  });

  it("exits non-zero with an ::error:: naming file:line:col of a bad registry", async () => {
    const run = await runBundle("resolve-targets", { registry: "broken.yaml" }, { cwd: workspace });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(
      "::error::broken.yaml:4:5: targets[0].knd: found unknown key 'knd', allowed the keys name, owner, kind, orchestrators, meta (did you mean 'kind'?)",
    );
    expect(run.stdout).toContain(
      "::error::resolve-targets: broken.yaml has 2 problems (listed above); no target was selected",
    );
  });

  // A registry path is a caller's string: nothing outside the workspace is read, and an error
  // never quotes a file that is not the user's registry.
  it.each([
    ["/proc/self/environ", "which is outside the workspace"],
    ["/etc/passwd", "which is outside the workspace"],
    ["/dev/zero", "which is outside the workspace"],
    ["../../../../etc/hostname", "which is outside the workspace"],
  ])("refuses registry %s without reading it", async (registry, why) => {
    const run = await runBundle(
      "resolve-targets",
      { registry },
      { cwd: workspace, env: { GITHUB_WORKSPACE: workspace, FLEET_PROBE: "probe-value-42" } },
    );
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n").filter((l) => l.startsWith("::error::"))).toEqual([
      `::error::resolve-targets: registry: found '${registry}', ${why}; allowed a path inside the workspace (${workspace}), relative to it, to a file fleet may read`,
    ]);
    expect(run.stdout + run.stderr + run.summary).not.toContain("probe-value-42");
    expect(run.stdout).not.toContain("root:");
    expect(run.outputs.matrix).toBeUndefined();
  });
});
