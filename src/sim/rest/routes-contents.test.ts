import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, smallWorld } from "../small-world.fixture.ts";
import { startSim, type Sim } from "../index.ts";
import { blobSha, type SimRepo } from "../state.ts";

type FileCommit = {
  content: { sha: string; path: string };
  commit: { sha: string; parents: { sha: string }[] };
};
type ContentFile = { type: string; content: string; sha: string; encoding: string };

let sim: Sim;
let repo: SimRepo;

beforeAll(async () => {
  const world = smallWorld();
  repo = world.repo;
  sim = await startSim(world.state, { clock: "manual" });
});
afterAll(() => sim.close());

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const put = (path: string, body: Record<string, unknown>) =>
  call<FileCommit & { message: string }>(sim.url, "PUT", `/repos/acme/api/contents/${path}`, {
    body,
  });

describe("contents", () => {
  it("reads a file as base64 with its blob sha, at a branch or a commit", async () => {
    const r = await call<ContentFile>(sim.url, "GET", "/repos/acme/api/contents/README.md");
    expect(r.status).toBe(200);
    expect(r.body.encoding).toBe("base64");
    expect(Buffer.from(r.body.content, "base64").toString("utf8")).toBe("# api\n");
    expect(r.body.sha).toBe(blobSha("# api\n"));
    const head = repo.branches.get("main")?.sha;
    expect(
      (await call(sim.url, "GET", `/repos/acme/api/contents/README.md?ref=${head}`)).status,
    ).toBe(200);
    const noRef = await call(sim.url, "GET", "/repos/acme/api/contents/README.md?ref=nope");
    expect(noRef.status).toBe(404);
    expect(noRef.body.message).toBe("No commit found for the ref nope");
    expect((await call(sim.url, "GET", "/repos/acme/api/contents/missing.json")).status).toBe(404);
  });

  it("creates (201), then needs the current sha: 422 without it, 409 when stale, 200 when current", async () => {
    const created = await put("state/smoke.json", {
      message: "init",
      content: b64("{}"),
      branch: "main",
    });
    expect(created.status).toBe(201);
    expect(created.body.content.sha).toBe(blobSha("{}"));
    const noSha = await put("state/smoke.json", { message: "again", content: b64("{}") });
    expect(noSha.status).toBe(422);
    expect(noSha.body.message).toContain(`"sha" wasn't supplied`);
    const updated = await put("state/smoke.json", {
      message: "update",
      content: b64('{"a":1}'),
      sha: created.body.content.sha,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.commit.parents[0]?.sha).toBe(created.body.commit.sha);
    const stale = await put("state/smoke.json", {
      message: "lost race",
      content: b64('{"b":2}'),
      sha: created.body.content.sha,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe(`state/smoke.json does not match ${created.body.content.sha}`);
    const file = await call<ContentFile>(
      sim.url,
      "GET",
      "/repos/acme/api/contents/state/smoke.json",
    );
    expect(Buffer.from(file.body.content, "base64").toString("utf8")).toBe('{"a":1}');
    const dir = await call<{ name: string; type: string }[]>(
      sim.url,
      "GET",
      "/repos/acme/api/contents/state",
    );
    expect(dir.body.map((e) => [e.name, e.type])).toEqual([["smoke.json", "file"]]);
    expect((await put("x.json", { content: b64("{}") })).status).toBe(422);
    expect((await put("x.json", { message: "m", content: "%%%" })).status).toBe(422);
    expect((await put("x.json", { message: "m", content: b64("{}"), branch: "nope" })).status).toBe(
      404,
    );
  });
});

describe("git refs", () => {
  it("creates a branch at a commit (201), 422 when it exists or the sha is unknown; reads it back", async () => {
    const head = repo.branches.get("main")?.sha ?? "";
    const created = await call<{ ref: string; object: { sha: string } }>(
      sim.url,
      "POST",
      "/repos/acme/api/git/refs",
      {
        body: { ref: "refs/heads/fleet-state", sha: head },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ref: "refs/heads/fleet-state", object: { sha: head } });
    const again = await call(sim.url, "POST", "/repos/acme/api/git/refs", {
      body: { ref: "refs/heads/fleet-state", sha: head },
    });
    expect(again.status).toBe(422);
    expect(again.body.message).toBe("Reference already exists");
    const unknown = await call(sim.url, "POST", "/repos/acme/api/git/refs", {
      body: { ref: "refs/heads/other", sha: "0".repeat(40) },
    });
    expect(unknown.body.message).toBe("Object does not exist");
    const read = await call<{ object: { sha: string } }>(
      sim.url,
      "GET",
      "/repos/acme/api/git/ref/heads/fleet-state",
    );
    expect(read.body.object.sha).toBe(head);
    expect((await call(sim.url, "GET", "/repos/acme/api/git/ref/heads/none")).status).toBe(404);
    const onBranch = await put("only-here.txt", {
      message: "m",
      content: b64("x"),
      branch: "fleet-state",
    });
    expect(onBranch.status).toBe(201);
    expect((await call(sim.url, "GET", "/repos/acme/api/contents/only-here.txt")).status).toBe(404);
    expect(
      (await call(sim.url, "GET", "/repos/acme/api/contents/only-here.txt?ref=fleet-state")).status,
    ).toBe(200);
  });
});
