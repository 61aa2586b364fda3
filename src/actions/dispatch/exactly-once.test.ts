import { afterEach, describe, expect, it } from "vitest";
import { readInputs } from "../../core/inputs.ts";
import { startSim, type Sim, type SimState } from "../../sim/index.ts";
import { WRITE_FAULTS } from "../../sim/write-faults.fixture.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { action } from "./dispatch.ts";
import { dispatchWorld, dispatchedRuns, TOKEN } from "./dispatch-world.fixture.ts";

// Each kind of dispatch under every way its answer can go wrong. A dispatch has no marker to
// read back: after an ambiguous failure the target fails with "may or may not have received
// it", and the dispatch is never sent a second time. Where the server never acted (5xx on
// every try), one rerun sends the one dispatch a clean run sends.

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

interface Kind {
  what: string;
  inputs: Record<string, string>;
  path: string;
  count(state: SimState): number;
}

const KINDS: Kind[] = [
  {
    what: "a workflow dispatch",
    inputs: { mode: "workflow", workflow: "cd.yml", inputs: '{"version":"1.4.0"}' },
    path: "/repos/acme/app/actions/workflows/cd.yml/dispatches",
    count: (state: SimState) => dispatchedRuns(state, "acme/app").length,
  },
  {
    what: "a repository dispatch",
    inputs: { mode: "repository", "event-type": "runtime-published" },
    path: "/repos/acme/app/dispatches",
    count: (state: SimState) => state.repos.get("acme/app")!.dispatches.repository.length,
  },
];

const dispatch = (target: Sim, inputs: Record<string, string>) =>
  action.run(
    readInputs(
      action.schema,
      (n) =>
        ({
          token: TOKEN,
          "api-url": target.url,
          repositories: "acme/app,acme/web",
          "dry-run": "false",
          ...inputs,
        })[n] ?? "",
      {},
    ),
    testDeps(),
  );

describe("dispatch, exactly once", () => {
  const cases = KINDS.flatMap((k) => WRITE_FAULTS.map((f) => [k.what, f.what, k, f] as const));
  it.each(cases)(
    "%s, %s: the target fails 'may or may not', nothing is sent twice",
    async (_k, _f, kind, fault) => {
      const clean = await startSim(dispatchWorld());
      await dispatch(clean, kind.inputs);
      const expected = kind.count(clean.state);
      await clean.close();
      expect(expected).toBeGreaterThan(0);

      sim = await startSim(dispatchWorld());
      const before = kind.count(sim.state);
      sim.faults.add({
        match: { method: "POST", path: kind.path },
        then: fault.then,
        ...(fault.times !== undefined ? { times: fault.times } : {}),
      });
      const r = await dispatch(sim, kind.inputs);
      const app = r.repos.find((x) => x.repository === "acme/app")!;
      // A 204 has no body to cut short: that answer arrives whole, and the dispatch is done.
      const whole = "truncate" in fault.then && kind.what === "a repository dispatch";
      if (whole) expect(app.status).toBe("ok");
      else {
        expect(app.status).toBe("failed");
        expect(app.error).toMatch(/may or may not have received it/);
        expect(r.outputs.failed).toContain("acme/app");
      }
      // One request, never a second: the other target is dispatched as usual.
      expect(sim.log.count({ method: "POST", path: kind.path })).toBe(1);
      expect(r.repos.find((x) => x.repository === "acme/web")!.status).toBe("ok");
      const acted = !("status" in fault.then);
      expect(kind.count(sim.state) - before).toBe(acted ? 1 : 0);
      if (acted) {
        expect(kind.count(sim.state)).toBe(expected);
        return;
      }
      sim.faults.clear();
      const rerun = await dispatch(sim, { ...kind.inputs, repositories: "acme/app" });
      expect(rerun.repos[0]!.status).toBe("ok");
      expect(kind.count(sim.state)).toBe(expected);
    },
  );
});
