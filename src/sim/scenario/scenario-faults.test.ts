import { afterEach, describe, expect, it } from "vitest";
import { startSim, type Sim } from "../index.ts";
import { buildScenario } from "./build.ts";

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const orgs = [{ login: "acme", repos: [{ name: "api" }] }];

describe("a scenario's faults", () => {
  it("are the rules the server starts with", async () => {
    sim = await startSim(
      buildScenario({
        orgs,
        faults: [{ match: { method: "GET", path: "/repos/acme/api" }, then: { status: 503 } }],
      }),
    );
    const answer = await fetch(`${sim.url}/repos/acme/api`, {
      headers: { authorization: `token ${sim.token}` },
    });
    expect(answer.status).toBe(503);
  });

  it("reject an unknown kind of fault", () => {
    expect(() => buildScenario({ orgs, faults: [{ then: { lost: true } as never }] })).toThrow(
      /faults\[0\]\.then/,
    );
  });
});
