import { afterEach, describe, expect, it } from "vitest";
import { addProject, addProjectItem, addToken, iso, startSim, type Sim } from "../../sim/index.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { runInMemory } from "../../../test/helpers/host.ts";
import { backfillFixture, NOW, placements } from "./backfill.fixture.ts";
import { action } from "./roadmap-backfill.ts";

/** An App installed on acme only: boards of other accounts are invisible to it. */
const ACME_APP = "ghs_backfillAcmeOnlyApp01";

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe("roadmap-backfill and boards the token cannot see", () => {
  it("adds an issue that is only on boards invisible to the App: to the App it is on none", async () => {
    const f = backfillFixture();
    const [hidden] = f.orphans;
    for (const owner of ["acme-labs", "alice"]) {
      const board = addProject(f.state, { owner, number: 1, title: owner, statusOptions: [] });
      addProjectItem(f.state, board, hidden!.node_id, iso(NOW));
    }
    addToken(f.state, { token: ACME_APP, login: "acme-app[bot]", owners: ["acme"] });
    sim = await startSim(f.state, { clock: "manual" });
    const r = await runInMemory(
      action,
      {
        token: ACME_APP,
        "api-url": sim.url,
        "dry-run": "false",
        repositories: "acme/api",
        "project-number": "7",
      },
      testDeps({ clock: { now: () => NOW, sleep: async () => {} } }),
    );
    expect(r.code).toBe(0);
    expect(placements(f, hidden!).map((p) => p.board)).toEqual([7, 1, 1]);
    expect(r.outputs).toMatchObject({ orphans: String(f.orphans.length), left: "0" });
  });
});
