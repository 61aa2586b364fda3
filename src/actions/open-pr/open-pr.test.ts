import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  addToken,
  commitFiles,
  fileBytes,
  getRepo,
  makeFile,
  type SimRepo,
} from "../../sim/state.ts";
import { LOGO, propose, proposalTests } from "./proposal.fixture.ts";

const { start, checkout } = proposalTests();

const branchFiles = (repo: SimRepo, branch: string) =>
  Object.fromEntries(
    [...(repo.branches.get(branch)?.files ?? [])].map(([path, f]) => [
      path,
      fileBytes(f).toString("utf8"),
    ]),
  );
const pulls = (repo: SimRepo) => repo.issues.filter((i) => i.is_pull_request);

describe("open-pr against the simulator", () => {
  it("previews the diff, then makes one verified commit and one pull request, then nothing on a rerun", async () => {
    const { sim, agent } = await start();
    const ws = checkout(agent);
    ws.write(".adl-version", "0.10.0\n");

    const preview = await propose(sim, ws.workspace, { path: ws.path, "dry-run": "true" });
    expect(preview.code, preview.errors.join("\n")).toBe(0);
    expect(preview.outputs.operation).toBe("created");
    expect(preview.outputs["files-changed"]).toBe("1");
    expect(preview.summary).toContain("```diff");
    expect(preview.summary).toContain("-0.9.3\n+0.10.0");
    expect(sim.log.mutations()).toEqual([]);
    expect(agent.branches.has("fleet/bump-adl")).toBe(false);

    sim.log.clear();
    const real = await propose(sim, ws.workspace, { path: ws.path });
    expect(real.errors).toEqual([]);
    expect(real.outputs).toMatchObject({
      operation: "created",
      "pull-request-number": "1",
      "files-changed": "1",
    });
    // The dry run planned exactly what the real run did.
    const row = (outputs: Record<string, string>) => JSON.parse(outputs.result!)[0];
    expect(row(preview.outputs)).toEqual(row(real.outputs));
    // One read, branch + commit, the PR, its labels, its reviewers.
    expect(sim.log.count()).toBeLessThanOrEqual(6);
    const branch = agent.branches.get("fleet/bump-adl")!;
    expect(real.outputs["head-sha"]).toBe(branch.sha);
    const commit = agent.commitInfo.get(branch.sha)!;
    expect(commit.parents).toEqual([agent.branches.get("main")!.sha]);
    expect(commit.signature).toMatchObject({ wasSignedByGitHub: true });
    expect(commit.message).toMatch(
      /^chore\(deps\): bump adl\n\nFleet-Change: bump-adl\nFleet-Diff: [0-9a-f]{40}$/,
    );
    expect(branchFiles(agent, "fleet/bump-adl")[".adl-version"]).toBe("0.10.0\n");
    const [pr] = pulls(agent);
    expect(pr).toMatchObject({ number: 1, state: "open", labels: ["dependencies"] });
    expect(pr!.pull).toMatchObject({
      head: "fleet/bump-adl",
      base: "main",
      requested_reviewers: ["ana"],
    });
    expect(pr!.body).toContain("<!-- fleet:open-pr change=bump-adl -->");
    expect(pr!.body).toContain("`.adl-version` (modified)");

    sim.log.clear();
    const rerun = await propose(sim, ws.workspace, { path: ws.path }, { GITHUB_RUN_ID: "78" });
    expect(rerun.outputs.operation).toBe("unchanged");
    expect(sim.log.count()).toBe(1);
    expect(sim.log.mutations()).toEqual([]);
  });

  it("replaces the commit for a new diff, on the current base", async () => {
    const { sim, agent } = await start();
    const ws = checkout(agent);
    ws.write(".adl-version", "0.10.0\n");
    await propose(sim, ws.workspace, { path: ws.path });
    // The base moves on (another file), and the command now bumps further.
    const main = agent.branches.get("main")!;
    commitFiles(agent, main, new Map([...main.files, ["NOTES.md", makeFile("notes\n")]]), "notes");
    ws.write(".adl-version", "0.11.0\n");

    const r = await propose(sim, ws.workspace, { path: ws.path });
    expect(r.errors).toEqual([]);
    expect(r.outputs.operation).toBe("updated");
    const head = agent.branches.get("fleet/bump-adl")!;
    expect(agent.commitInfo.get(head.sha)!.parents).toEqual([main.sha]);
    expect(branchFiles(agent, "fleet/bump-adl")).toMatchObject({
      ".adl-version": "0.11.0\n",
      "NOTES.md": "notes\n",
    });
    expect(pulls(agent)).toHaveLength(1);
  });

  it("closes its pull request with a comment and deletes the branch once the base has the change", async () => {
    const { sim, agent } = await start();
    const ws = checkout(agent);
    ws.write(".adl-version", "0.10.0\n");
    await propose(sim, ws.workspace, { path: ws.path });
    const main = agent.branches.get("main")!;
    commitFiles(
      agent,
      main,
      new Map([...main.files, [".adl-version", makeFile("0.10.0\n")]]),
      "bump by hand",
    );
    // A fresh checkout of the base, where the command changes nothing.
    const fresh = checkout(agent);
    fresh.write(".adl-version", "0.10.0\n");

    const r = await propose(sim, fresh.workspace, { path: fresh.path });
    expect(r.errors).toEqual([]);
    expect(r.outputs.operation).toBe("closed");
    const [pr] = pulls(agent);
    expect(pr!.state).toBe("closed");
    expect(pr!.comments.map((c) => c.body)).toEqual([
      expect.stringContaining("<!-- fleet:open-pr closed change=bump-adl -->"),
    ]);
    expect(agent.branches.has("fleet/bump-adl")).toBe(false);

    sim.log.clear();
    const again = await propose(sim, fresh.workspace, { path: fresh.path });
    expect(again.outputs.operation).toBe("none");
    expect(sim.log.mutations()).toEqual([]);
  });

  it("leaves a pull request a person pushed to alone", async () => {
    const { sim, agent } = await start();
    const ws = checkout(agent);
    ws.write(".adl-version", "0.10.0\n");
    await propose(sim, ws.workspace, { path: ws.path });
    const branch = agent.branches.get("fleet/bump-adl")!;
    commitFiles(
      agent,
      branch,
      new Map([...branch.files, ["fix.txt", makeFile("mine\n")]]),
      "my fix",
    );
    const theirs = branch.sha;
    ws.write(".adl-version", "0.11.0\n");

    sim.log.clear();
    const r = await propose(sim, ws.workspace, { path: ws.path });
    expect(r.code).toBe(0);
    expect(r.outputs.operation).toBe("unchanged");
    expect(r.warnings.join("\n")).toMatch(
      /someone pushed to fleet\/bump-adl \(2 commits ahead of main/,
    );
    expect(sim.log.mutations()).toEqual([]);
    expect(agent.branches.get("fleet/bump-adl")!.sha).toBe(theirs);
  });

  it("commits a deletion, a rename and a binary file as they are", async () => {
    const { sim, agent } = await start();
    const ws = checkout(agent);
    rmSync(join(ws.dir, "docs/old-name.md"));
    ws.write("docs/guide.md", "# Guide\n");
    ws.write("logo.png", Buffer.concat([LOGO, Buffer.from([0x02])]));
    rmSync(join(ws.dir, "README.md"));

    const r = await propose(sim, ws.workspace, { path: ws.path });
    expect(r.errors).toEqual([]);
    expect(r.outputs["files-changed"]).toBe("4");
    const files = agent.branches.get("fleet/bump-adl")!.files;
    expect([...files.keys()].sort()).toEqual([
      ".adl-version",
      "docs/guide.md",
      "logo.png",
      "scripts/run.sh",
    ]);
    expect(fileBytes(files.get("logo.png")!)).toEqual(Buffer.concat([LOGO, Buffer.from([0x02])]));
    // The executable it did not touch keeps its mode.
    expect(files.get("scripts/run.sh")!.mode).toBe("100755");
  });

  it("refuses a change that would drop an executable bit, before any request", async () => {
    const { sim, agent } = await start();
    const ws = checkout(agent);
    ws.write("scripts/run.sh", "#!/bin/sh\necho changed\n");

    const r = await propose(sim, ws.workspace, { path: ws.path });
    expect(r.code).toBe(1);
    expect(r.errors.join("\n")).toMatch(
      /scripts\/run\.sh would be an executable file \(mode 100755\); GitHub's createCommitOnBranch writes every file as a regular file/,
    );
    expect(sim.log.count()).toBe(0);
  });

  it("explains a branch rule that refuses the push, and leaves nothing half made", async () => {
    const { sim, agent } = await start();
    agent.rules.push({ pattern: "fleet/**", creation: true });
    const ws = checkout(agent);
    ws.write(".adl-version", "0.10.0\n");

    const r = await propose(sim, ws.workspace, { path: ws.path });
    expect(r.code, JSON.stringify([r.outputs, r.warnings, r.log.lines.slice(-8)])).toBe(1);
    expect(r.errors).toEqual([
      "acme/agent: could not create fleet/bump-adl with one commit of 1 file: committing to fleet/bump-adl on acme/agent: Repository rule violations found Cannot create ref due to creations being restricted. (a branch rule of the repository refuses fleet's push to fleet/bump-adl: exempt fleet/** from the ruleset, or add the App to its bypass list); 3 later writes not made (the next run starts from what landed)",
    ]);
    expect(agent.branches.has("fleet/bump-adl")).toBe(false);
    expect(pulls(agent)).toEqual([]);
  });

  it("skips an archived target with a notice", async () => {
    const { sim } = await start();
    const attic = getRepo(sim.state, "acme", "attic")!;
    const ws = checkout(attic);
    ws.write("README.md", "changed\n");

    const r = await propose(sim, ws.workspace, { path: ws.path, repository: "acme/attic" });
    expect(r.code).toBe(0);
    expect(r.notices.join("\n")).toMatch(/archived: skipped/);
    expect(sim.log.mutations()).toEqual([]);
  });

  it("refuses to undo a change the base made after the checkout", async () => {
    const { sim, agent } = await start();
    const ws = checkout(agent);
    ws.write(".adl-version", "0.10.0\n");
    const main = agent.branches.get("main")!;
    commitFiles(
      agent,
      main,
      new Map([...main.files, [".adl-version", makeFile("0.9.4\n")]]),
      "hotfix",
    );

    const r = await propose(sim, ws.workspace, { path: ws.path });
    expect(r.code).toBe(1);
    expect(r.errors.join("\n")).toMatch(/main changed \.adl-version after the checkout/);
    expect(sim.log.mutations()).toEqual([]);
  });

  it("names the permission a read-only token lacks, and makes nothing", async () => {
    const { sim, agent } = await start();
    addToken(sim.state, {
      token: "ghs_readOnly",
      login: "reader[bot]",
      permissions: { contents: "read", pull_requests: "read", metadata: "read" },
    });
    const ws = checkout(agent);
    ws.write(".adl-version", "0.10.0\n");

    const r = await propose(sim, ws.workspace, { path: ws.path, token: "ghs_readOnly" });
    expect(r.code).toBe(1);
    expect(r.errors.join("\n")).toMatch(
      /committing to fleet\/bump-adl on acme\/agent: Resource not accessible by integration \(this write needs contents: write for the token/,
    );
    expect(agent.branches.has("fleet/bump-adl")).toBe(false);
  });
});
