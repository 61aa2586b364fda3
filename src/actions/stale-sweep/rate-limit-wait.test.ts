import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "../../core/clock.ts";
import { readInputs } from "../../core/inputs.ts";
import { startSim, type Sim } from "../../sim/index.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { action } from "./stale-sweep.ts";
import { sweepFixture } from "./sweep.fixture.ts";

// A secondary-limit refusal asking for a wait longer than max-rate-limit-wait-seconds is not
// sat out: it stops that repository with an error naming until when and what was left undone.

let sim: Sim;
afterEach(async () => {
  await sim?.close();
});

async function sweep(raw: Record<string, string>) {
  const inputs = readInputs(
    action.schema,
    (name) => ({ repositories: "acme/api,acme/web", "dry-run": "false", ...raw })[name] ?? "",
    { GITHUB_TOKEN: sim.token, GITHUB_API_URL: sim.url },
  );
  const deps = testDeps({ clock: manualClock(sim.clock.now()) });
  return { result: await action.run(inputs, deps), log: deps.log };
}

const refusal = (seconds: number) => ({
  status: 403,
  headers: { "retry-after": String(seconds) },
  body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes." },
});

describe("stale-sweep, a secondary-limit wait longer than max-rate-limit-wait-seconds", () => {
  it("stops the repository's changes at the refused write, naming until when and what is left", async () => {
    sim = await startSim(sweepFixture(), { clock: "manual" });
    sim.faults.add({
      match: { method: "POST", path: "/repos/acme/api/issues/1/labels" },
      then: refusal(3600),
    });
    const before = Date.now();
    const { result } = await sweep({ "max-rate-limit-wait-seconds": "600" });
    expect(Date.now() - before).toBeLessThan(30_000);
    const api = result.repos.find((r) => r.repository === "acme/api")!;
    expect(api.status).toBe("failed");
    expect(api.error).toMatch(
      /secondary rate limit asks for a wait of 3600s \(until \d{4}-\d\d-\d\dT[\d:.]+Z\), longer than max-rate-limit-wait-seconds \(600\); the rest of this work was not done, rerun after \d{4}-.*; 2 changes left undone/,
    );
    expect(api.left).toBe(2);
    // One try: the refusal is not waited out, nor retried.
    expect(sim.log.count({ method: "POST", path: "/repos/acme/api/issues/1/labels" })).toBe(1);
    // The other repository is not held up.
    expect(result.repos.find((r) => r.repository === "acme/web")!.status).toBe("ok");
  });

  it("fails the repository when a read is refused so, and never reports it as found 0", async () => {
    sim = await startSim(sweepFixture(), { clock: "manual" });
    sim.faults.add({
      match: { method: "GET", path: "/repos/acme/web/issues" },
      then: refusal(86_400),
    });
    const { result } = await sweep({});
    const web = result.repos.find((r) => r.repository === "acme/web")!;
    expect(web.status).toBe("failed");
    expect(web.error).toMatch(
      /wait of 86400s \(until .*\), longer than max-rate-limit-wait-seconds \(900\)/,
    );
    expect(sim.log.mutations().filter((m) => m.path.startsWith("/repos/acme/web/"))).toEqual([]);
  });

  it("sits out a wait within the cap", async () => {
    sim = await startSim(sweepFixture(), { clock: "manual" });
    sim.faults.add({
      match: { method: "POST", path: "/repos/acme/api/issues/1/labels" },
      then: refusal(1),
      times: 1,
    });
    const { result } = await sweep({ "max-rate-limit-wait-seconds": "1" });
    expect(result.repos.map((r) => r.status)).toEqual(["ok", "ok"]);
  });
});
