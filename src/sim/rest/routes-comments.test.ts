import { afterEach, describe, expect, it } from "vitest";
import { call, daysAgo, smallWorld } from "../small-world.fixture.ts";
import { startSim, type Sim } from "../index.ts";
import { addComment, addIssue } from "../state.ts";

type Comment = { id: number; body: string; issue_url: string; created_at: string };

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function world() {
  const { state, repo } = smallWorld();
  const one = addIssue(state, repo, { title: "one", user: "alice", created_at: daysAgo(20) });
  const two = addIssue(state, repo, { title: "two", user: "bob", created_at: daysAgo(20) });
  addComment(state, one, "old", "bob", daysAgo(10));
  addComment(state, two, "newer", "alice", daysAgo(3));
  addComment(state, one, "newest", "carol", daysAgo(1));
  sim = await startSim(state, { clock: "manual" });
  return { one, two };
}

describe("the repository's issue comments", () => {
  it("lists every issue's comments oldest first, since a time when asked", async () => {
    await world();
    const all = await call<Comment[]>(sim!.url, "GET", "/repos/acme/api/issues/comments");
    expect(all.status).toBe(200);
    expect(all.body.map((c) => c.body)).toEqual(["old", "newer", "newest"]);
    expect(all.body[1]!.issue_url).toMatch(/\/repos\/acme\/api\/issues\/2$/);
    const since = await call<Comment[]>(
      sim!.url,
      "GET",
      `/repos/acme/api/issues/comments?since=${encodeURIComponent(daysAgo(5))}`,
    );
    expect(since.body.map((c) => c.body)).toEqual(["newer", "newest"]);
  });

  it("deletes a comment with its timeline entry; a second delete is 404", async () => {
    const { one } = await world();
    const id = one.comments[0]!.id;
    const gone = await call(sim!.url, "DELETE", `/repos/acme/api/issues/comments/${id}`);
    expect(gone.status).toBe(204);
    expect(one.comments.map((c) => c.body)).toEqual(["newest"]);
    expect(one.events.some((e) => e.event === "commented" && e.comment_id === id)).toBe(false);
    const again = await call(sim!.url, "DELETE", `/repos/acme/api/issues/comments/${id}`);
    expect(again.status).toBe(404);
  });
});
