import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, daysAgo, smallWorld } from "../small-world.fixture.ts";
import { startSim, type Sim } from "../index.ts";
import { addRepo, addToken } from "../state.ts";

let sim: Sim;

beforeAll(async () => {
  const { state } = smallWorld();
  addRepo(state, { owner: "acme", name: "web", created_at: daysAgo(30) });
  addRepo(state, { owner: "acme-labs", name: "tools", created_at: daysAgo(30) });
  addToken(state, { token: "ghs_one", login: "one[bot]", repositories: ["acme/web"] });
  addToken(state, { token: "ghp_user", login: "octocat", kind: "pat" });
  sim = await startSim(state, { clock: "manual" });
});
afterAll(() => sim.close());

describe("token endpoints", () => {
  it("GET /installation/repositories lists what an installation token reaches", async () => {
    type List = {
      total_count: number;
      repository_selection: string;
      repositories: { full_name: string }[];
    };
    const all = await call<List>(sim.url, "GET", "/installation/repositories?per_page=2");
    expect(all.body.total_count).toBe(3);
    expect(all.body.repository_selection).toBe("all");
    expect(all.body.repositories.map((r) => r.full_name)).toEqual(["acme/api", "acme/web"]);
    expect(all.headers.get("link")).toContain(`rel="next"`);
    const one = await call<List>(sim.url, "GET", "/installation/repositories", {
      token: "ghs_one",
    });
    expect(one.body).toMatchObject({ total_count: 1, repository_selection: "selected" });
    expect(
      (await call(sim.url, "GET", "/installation/repositories", { token: "ghp_user" })).status,
    ).toBe(403);
  });

  it("GET /user answers a user's token and refuses an installation's, as GitHub", async () => {
    const user = await call<{ login: string }>(sim.url, "GET", "/user", { token: "ghp_user" });
    expect(user.status).toBe(200);
    expect(user.body.login).toBe("octocat");
    const app = await call(sim.url, "GET", "/user");
    expect(app.status).toBe(403);
    expect(app.body.message).toBe("Resource not accessible by integration");
  });

  it("GET /rate_limit reports both budgets and costs nothing", async () => {
    await call(sim.url, "GET", "/repos/acme/api", { token: "ghs_one" });
    type Overview = { resources: { core: { used: number }; graphql: { used: number } } };
    const a = await call<Overview>(sim.url, "GET", "/rate_limit", { token: "ghs_one" });
    const b = await call<Overview>(sim.url, "GET", "/rate_limit", { token: "ghs_one" });
    expect(a.body.resources.core.used).toBe(2);
    expect(b.body.resources.core.used).toBe(2);
    expect(b.body.resources.graphql.used).toBe(0);
  });

  it("GET /repos/{o}/{r} needs only metadata", async () => {
    const r = await call<{ full_name: string; default_branch: string; archived: boolean }>(
      sim.url,
      "GET",
      "/repos/acme-labs/tools",
    );
    expect(r.body).toMatchObject({
      full_name: "acme-labs/tools",
      default_branch: "main",
      archived: false,
    });
  });
});
