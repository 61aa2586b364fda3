import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { calleeInputs } from "./helpers/caller.ts";
import { runJob, type JobRun } from "./helpers/run-job.ts";

// A renamed or missing App secret must fail the run, naming the secret and the repositories
// left undone, never pass for a clean run. The `targets` job of each fan-out workflow runs
// here as a runner would run it: the registry resolved by the committed bundle, the check in
// bash.

const workspace = mkdtempSync(join(tmpdir(), "fleet-credentials-"));
writeFileSync(
  join(workspace, "repos.yaml"),
  [
    "owner: acme",
    "targets:",
    "  - { name: control, kind: agent }",
    "  - { name: api, kind: agent }",
    "  - { name: web, kind: agent }",
  ].join("\n"),
);

const app = { "app-id": "Iv1.123", "app-private-key": "-----BEGIN RSA PRIVATE KEY-----" };

/** Inputs each workflow needs beyond its defaults. */
const required: Record<string, Record<string, unknown>> = {
  "backfill-roadmap": { project_number: 7 },
  dispatch: { mode: "workflow", workflow: "cd.yml" },
  "pr-fan-out": { command: "true", change_id: "bump-adl", title: "chore: bump" },
};

async function targets(
  name: string,
  secrets: Record<string, string>,
  inputs: Record<string, unknown> = {},
): Promise<JobRun> {
  const path = join(".github", "workflows", `${name}.yml`);
  return runJob(
    path,
    "targets",
    {
      github: { repository: "acme/control", run_id: "1", event_name: "workflow_call" },
      inputs: calleeInputs(path, { ...required[name], ...inputs }),
      secrets,
      vars: {},
    },
    {
      workspace,
      standIns: { "actions/checkout": () => ({}) },
      env: { GITHUB_REPOSITORY: "acme/control" },
    },
  );
}

const errors = (run: JobRun) => run.log.split("\n").filter((l) => l.startsWith("::error::"));

describe.each(["stale", "cleanup-runs", "trigger-cd"])(
  ".github/workflows/%s.yml (GITHUB_TOKEN fallback for the calling repository)",
  (name) => {
    it("fails without the App when other repositories are selected, naming them", async () => {
      const run = await targets(name, {});
      expect(run.conclusion).toBe("failure");
      expect(errors(run)).toEqual([
        expect.stringMatching(
          /^::error::No app-id and app-private-key secret: GITHUB_TOKEN reaches only acme\/control, so these selected repositories are left undone: acme\/api, acme\/web\. /,
        ),
      ]);
    });

    it("names the one secret that is missing", async () => {
      const run = await targets(name, { "app-id": app["app-id"] });
      expect(run.conclusion).toBe("failure");
      expect(errors(run)).toEqual([
        expect.stringContaining("::error::No app-private-key secret: "),
      ]);
    });

    it("works on the calling repository alone with GITHUB_TOKEN, saying so", async () => {
      const run = await targets(name, {}, { repository: "control" });
      expect(run.conclusion).toBe("success");
      expect(errors(run)).toEqual([]);
      expect(run.log).toMatch(
        /^::notice::No app-id and app-private-key secret: .* acme\/control alone, with GITHUB_TOKEN\.$/m,
      );
      expect(run.outputs.count).toBe("1");
    });

    it("passes with the App", async () => {
      const run = await targets(name, app);
      expect(run.conclusion).toBe("success");
      expect(run.log).not.toContain("::error::");
      expect(run.outputs.count).toBe("3");
    });
  },
);

describe(".github/workflows/backfill-roadmap.yml (no fallback: GITHUB_TOKEN never reaches a board)", () => {
  it("fails without the App, even for the calling repository alone", async () => {
    const run = await targets("backfill-roadmap", {}, { repository: "control" });
    expect(run.conclusion).toBe("failure");
    expect(errors(run)).toEqual([
      expect.stringMatching(
        /^::error::No app-id and app-private-key secret: GITHUB_TOKEN cannot reach ProjectsV2 boards, so these selected repositories are left undone: acme\/control\. /,
      ),
    ]);
  });

  it("passes with the App", async () => {
    const run = await targets("backfill-roadmap", app);
    expect(run.conclusion).toBe("success");
    expect(run.outputs.count).toBe("3");
  });
});

describe(".github/workflows/pr-fan-out.yml (no fallback: it writes to other repositories)", () => {
  it("fails without the App, even for the calling repository alone", async () => {
    const run = await targets("pr-fan-out", {}, { repository: "control" });
    expect(run.conclusion).toBe("failure");
    expect(errors(run)).toEqual([
      expect.stringMatching(
        /^::error::No app-id and app-private-key secret: a PR fan-out checks out and writes to each target with the App's tokens, so these selected repositories are left undone: acme\/control\. /,
      ),
    ]);
  });

  it("names the one secret that is missing", async () => {
    const run = await targets("pr-fan-out", { "app-private-key": app["app-private-key"] });
    expect(run.conclusion).toBe("failure");
    expect(errors(run)).toEqual([
      expect.stringMatching(
        /^::error::No app-id secret: .* acme\/control, acme\/api, acme\/web\. /,
      ),
    ]);
  });

  it("passes with the App", async () => {
    const run = await targets("pr-fan-out", app);
    expect(run.conclusion).toBe("success");
    expect(run.log).not.toContain("::error::");
    expect(run.outputs.count).toBe("3");
  });

  it("refuses a selection that would need shards: one job per target, at most 256", async () => {
    const big = mkdtempSync(join(tmpdir(), "fleet-credentials-big-"));
    const names = Array.from({ length: 257 }, (_, i) => `  - { name: r${i}, kind: agent }`);
    writeFileSync(join(big, "repos.yaml"), ["owner: acme", "targets:", ...names].join("\n"));
    const path = join(".github", "workflows", "pr-fan-out.yml");
    const run = await runJob(
      path,
      "targets",
      {
        github: { repository: "acme/control", run_id: "1", event_name: "workflow_call" },
        inputs: calleeInputs(path, required["pr-fan-out"]!),
        secrets: app,
        vars: {},
      },
      {
        workspace: big,
        standIns: { "actions/checkout": () => ({}) },
        env: { GITHUB_REPOSITORY: "acme/control" },
      },
    );
    expect(run.conclusion).toBe("failure");
    expect(errors(run)).toEqual([
      expect.stringMatching(
        /^::error::The selection holds 257 targets: a PR fan-out runs one job per target and GitHub runs at most 256 jobs from one matrix/,
      ),
    ]);
  });
});

describe(".github/workflows/dispatch.yml (an App or a token)", () => {
  it("fails without either, naming what is missing and the repositories", async () => {
    const run = await targets("dispatch", {});
    expect(run.conclusion).toBe("failure");
    expect(errors(run)).toEqual([
      expect.stringMatching(
        /^::error::Missing secret app-id and app-private-key \(or token\): these selected repositories are left undone: acme\/control, acme\/api, acme\/web\. /,
      ),
    ]);
  });

  it("on Gitea asks for the token, which is the only credential there", async () => {
    const run = await targets("dispatch", app, {
      forge: "gitea",
      api_url: "https://gitea.example/api/v1",
    });
    expect(errors(run)).toEqual([
      expect.stringContaining("::error::Missing secret token (on gitea only a token works): "),
    ]);
  });

  it("passes with a token, or with the App on GitHub", async () => {
    expect((await targets("dispatch", { token: "t" })).conclusion).toBe("success");
    expect((await targets("dispatch", app)).conclusion).toBe("success");
  });
});

describe.each(["dispatch", "trigger-cd"])(".github/workflows/%s.yml wait", (name) => {
  it("refuses a wait the job's timeout would cut short, before anything is resolved", async () => {
    const run = await targets(name, app, { wait_timeout_seconds: 3600 });
    expect(run.conclusion).toBe("failure");
    expect(errors(run)).toEqual([
      "::error::wait_timeout_seconds: found 3600, allowed 0 to 3000 (the dispatch job stops after 60 minutes, and the action needs time to dispatch and report).",
    ]);
    expect(run.steps.find((s) => s.name.includes("resolve-targets"))?.outcome).toBe("skipped");
  });

  it("accepts the longest wait that fits", async () => {
    expect((await targets(name, app, { wait_timeout_seconds: 3000 })).conclusion).toBe("success");
  });
});
