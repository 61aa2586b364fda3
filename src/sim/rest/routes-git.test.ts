import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, smallWorld } from "../small-world.fixture.ts";
import { startSim, type Sim } from "../index.ts";
import { blobSha, commitFiles, makeFile, type SimRepo } from "../state.ts";

type Ref = { ref: string; object: { sha: string } };
type Commit = {
  sha: string;
  message: string;
  parents: { sha: string }[];
  tree: { sha: string };
  author: { name: string; email: string };
  committer: { name: string; email: string };
  verification: { verified: boolean; reason: string };
};
type Tree = { sha: string; tree: { path: string; mode: string; type: string; sha: string }[] };
type FileCommit = { commit: Commit };

let sim: Sim;
let repo: SimRepo;
let main: string;
let binary: string;

beforeAll(async () => {
  const world = smallWorld();
  repo = world.repo;
  const branch = repo.branches.get("main")!;
  const files = new Map(branch.files);
  files.set("bin/run.sh", makeFile("#!/bin/sh\necho hi\n", "100755"));
  files.set("img/logo.png", makeFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00, 0xfe])));
  binary = files.get("img/logo.png")!.sha;
  main = commitFiles(repo, branch, files, "Add a script and a logo");
  repo.rules.push(
    { pattern: "main", deletion: true, non_fast_forward: true },
    { pattern: "locked/*", creation: true, update: true },
  );
  sim = await startSim(world.state, { clock: "manual" });
});
afterAll(() => sim.close());

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("git refs", () => {
  it("creates, moves (fast-forward, then forced) and deletes a branch", async () => {
    const parent = repo.commitInfo.get(main)!.parents[0]!;
    const created = await call<Ref>(sim.url, "POST", "/repos/acme/api/git/refs", {
      body: { ref: "refs/heads/feature", sha: parent },
    });
    expect(created.status).toBe(201);
    const path = "/repos/acme/api/git/refs/heads/feature";
    const forward = await call<Ref>(sim.url, "PATCH", path, { body: { sha: main } });
    expect(forward.status).toBe(200);
    expect(forward.body.object.sha).toBe(main);
    const back = await call(sim.url, "PATCH", path, { body: { sha: parent } });
    expect(back.status).toBe(422);
    expect(back.body.message).toBe("Update is not a fast forward");
    const forced = await call<Ref>(sim.url, "PATCH", path, { body: { sha: parent, force: true } });
    expect(forced.status).toBe(200);
    expect(repo.branches.get("feature")?.sha).toBe(parent);
    const read = await call<Ref>(sim.url, "GET", "/repos/acme/api/git/ref/heads/feature");
    expect(read.body.object.sha).toBe(parent);
    expect((await call(sim.url, "DELETE", path)).status).toBe(204);
    const again = await call(sim.url, "DELETE", path);
    expect(again.status).toBe(422);
    expect(again.body.message).toBe("Reference does not exist");
    const missing = await call(sim.url, "PATCH", path, { body: { sha: main } });
    expect(missing.body.message).toBe("Reference does not exist");
  });

  it("refuses what the branch rules restrict, with GitHub's rule violation message", async () => {
    const created = await call(sim.url, "POST", "/repos/acme/api/git/refs", {
      body: { ref: "refs/heads/locked/x", sha: main },
    });
    expect(created.status).toBe(422);
    expect(created.body.message).toBe(
      "Repository rule violations found\n\nCannot create ref due to creations being restricted.\n\n",
    );
    const deleted = await call(sim.url, "DELETE", "/repos/acme/api/git/refs/heads/main");
    expect(deleted.status).toBe(422);
    expect(deleted.body.message).toBe(
      "Repository rule violations found\n\nCannot delete this protected ref.\n\n",
    );
    const parent = repo.commitInfo.get(main)!.parents[0]!;
    const forced = await call(sim.url, "PATCH", "/repos/acme/api/git/refs/heads/main", {
      body: { sha: parent, force: true },
    });
    expect(forced.body.message).toBe(
      "Repository rule violations found\n\nCannot force-push to this branch\n\n",
    );
    expect(repo.branches.get("main")?.sha).toBe(main);
  });

  it("refuses a contents commit onto a branch whose updates are restricted", async () => {
    repo.branches.set("locked/state", { ...repo.branches.get("main")! });
    const put = await call(sim.url, "PUT", "/repos/acme/api/contents/state.json", {
      body: { message: "state", content: b64("{}"), branch: "locked/state" },
    });
    expect(put.status).toBe(422);
    expect(put.body.message).toBe(
      "Repository rule violations found\n\nCannot update this protected ref.\n\n",
    );
  });
});

describe("git database reads", () => {
  it("reads a commit with its parents and an unsigned verification", async () => {
    const r = await call<Commit>(sim.url, "GET", `/repos/acme/api/git/commits/${main}`);
    expect(r.status).toBe(200);
    expect(r.body.message).toBe("Add a script and a logo");
    expect(r.body.parents).toHaveLength(1);
    expect(r.body.verification).toMatchObject({ verified: false, reason: "unsigned" });
    expect(
      (await call(sim.url, "GET", `/repos/acme/api/git/commits/${"0".repeat(40)}`)).status,
    ).toBe(404);
  });

  it("reads a contents API commit as authored by the token's account and signed by GitHub", async () => {
    const put = await call<FileCommit>(sim.url, "PUT", "/repos/acme/api/contents/notes.txt", {
      body: { message: "notes", content: b64("hello\n"), branch: "main" },
    });
    expect(put.status).toBe(201);
    const r = await call<Commit>(
      sim.url,
      "GET",
      `/repos/acme/api/git/commits/${put.body.commit.sha}`,
    );
    expect(r.body.author).toMatchObject({
      name: "fleet[bot]",
      email: "fleet[bot]@users.noreply.github.com",
    });
    expect(r.body.committer).toMatchObject({ name: "GitHub", email: "noreply@github.com" });
    expect(r.body.verification).toMatchObject({ verified: true, reason: "valid" });
    expect(r.body.parents.map((p) => p.sha)).toEqual([main]);
  });

  it("reads a tree, one level or recursive, with git's modes", async () => {
    const top = await call<Tree>(sim.url, "GET", `/repos/acme/api/git/trees/${main}`);
    expect(top.status).toBe(200);
    expect(top.body.tree.map((e) => [e.path, e.mode, e.type])).toEqual([
      ["README.md", "100644", "blob"],
      ["bin", "040000", "tree"],
      ["img", "040000", "tree"],
    ]);
    const all = await call<Tree>(sim.url, "GET", `/repos/acme/api/git/trees/${main}?recursive=1`);
    expect(all.body.tree.map((e) => [e.path, e.mode])).toEqual([
      ["README.md", "100644"],
      ["bin", "040000"],
      ["bin/run.sh", "100755"],
      ["img", "040000"],
      ["img/logo.png", "100644"],
    ]);
    const bin = all.body.tree.find((e) => e.path === "bin")!;
    const sub = await call<Tree>(sim.url, "GET", `/repos/acme/api/git/trees/${bin.sha}`);
    expect(sub.body.tree.map((e) => e.path)).toEqual(["run.sh"]);
    expect(top.body.sha).toBe(repo.commitInfo.get(main)!.tree);
  });

  it("reads a binary blob as base64 of its bytes, its sha over those bytes", async () => {
    const r = await call<{ content: string; encoding: string; size: number; sha: string }>(
      sim.url,
      "GET",
      `/repos/acme/api/git/blobs/${binary}`,
    );
    expect(r.status).toBe(200);
    const bytes = Buffer.from(r.body.content, "base64");
    expect([...bytes]).toEqual([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00, 0xfe]);
    expect(r.body.size).toBe(7);
    expect(blobSha(bytes)).toBe(binary);
  });
});
