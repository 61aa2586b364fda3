import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "../../core/clock.ts";
import { readInputs } from "../../core/inputs.ts";
import { startControlPlane, type ControlPlane } from "../../sim/control-plane/index.ts";
import { WRITE_FAULTS } from "../../sim/write-faults.fixture.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { action } from "./pin-promote.ts";
import { A, B } from "./pin.fixture.ts";

// pin-promote's one write (the promotion) under every way its answer can go wrong: the run fails
// loud or succeeds honestly, and one clean rerun leaves the pin a clean run leaves.

const TOKEN = "cp-prod-token-5e0c7d12aa";
const promotePath = "/prod/cp/admin/runtime-image/promote";

let cp: ControlPlane | undefined;
afterEach(async () => {
  await cp?.close();
  cp = undefined;
});

async function start() {
  const clock = manualClock(Date.parse("2026-06-01T00:00:00Z"));
  cp = await startControlPlane({
    clock,
    environments: [
      {
        name: "prod",
        token: TOKEN,
        templates: ["runtime"],
        regions: ["global"],
        pins: [{ template_name: "runtime", region: "global", image_digest: A }],
        propagationDelayMs: 0,
      },
    ],
  });
  return { cp, clock };
}

async function promote(clock: ReturnType<typeof manualClock>) {
  const given: Record<string, string> = {
    "api-url": cp!.apiUrl("prod"),
    token: TOKEN,
    template: "runtime",
    digest: B,
    environment: "prod",
    "verify-timeout-seconds": "10",
  };
  const deps = testDeps({ clock, env: { FLEET_RETRY_UNIT_MS: "1" } });
  return action.run(
    readInputs(action.schema, (name) => given[name] ?? "", {}),
    deps,
  );
}

/**
 * What a run leaves: the pins the control plane serves, without their times (a retry after a
 * backoff promotes a moment later). A promotion sets the pin, so a second one changes nothing.
 */
const pins = (plane: ControlPlane) =>
  [...plane.state.environments.get("prod")!.pins.values()].map(
    ({ template_name, region, image_digest, updated_by }) => ({
      template_name,
      region,
      image_digest,
      updated_by,
    }),
  );

describe("pin-promote, exactly once", () => {
  it.each(WRITE_FAULTS.map((f) => [f.what, f] as const))(
    "the promotion, %s: loud or honest, and one rerun reaches a clean run's pin",
    async (_what, fault) => {
      const clean = await start();
      await promote(clean.clock);
      const expected = pins(clean.cp);
      await clean.cp.close();

      const { clock } = await start();
      cp!.faults.add({
        match: { method: "POST", path: promotePath },
        then: fault.then,
        ...(fault.times !== undefined ? { times: fault.times } : {}),
      });
      const faulted = await promote(clock);
      const row = faulted.repos[0]!;
      // Loud or honest: "ok" only with the pin read back; otherwise an error says why.
      if (row.status === "ok") expect(faulted.outputs.verified).toBe("true");
      else expect(row.error).toBeTruthy();
      cp!.faults.clear();
      const rerun = await promote(clock);
      expect(rerun.repos[0]!.status).toBe("ok");
      expect(rerun.outputs).toMatchObject({ digest: B, verified: "true" });
      expect(pins(cp!)).toEqual(expected);
    },
  );
});
