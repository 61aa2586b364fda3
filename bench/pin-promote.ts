import { createHash } from "node:crypto";
import type { ActionDeps } from "../src/core/action.ts";
import { createClient } from "../src/core/client.ts";
import { manualClock } from "../src/core/clock.ts";
import { readInputs } from "../src/core/inputs.ts";
import { memoryLogger } from "../src/core/logger.ts";
import { action } from "../src/actions/pin-promote/pin-promote.ts";
import {
  defaultPaths,
  startControlPlane,
  type ControlPlane,
} from "../src/sim/control-plane/index.ts";
import type { FaultRule } from "../src/sim/faults.ts";
import { benchRow, perScenario, total } from "./measure.ts";

const digest = (seed: string) => `sha256:${createHash("sha256").update(seed).digest("hex")}`;
const OLD = digest("fleet bench: the image running now");
const NEW = digest("fleet bench: the image just pushed");
const start = Date.parse("2026-06-01T00:00:00Z");
const latencyMs = 50;
const intervalSeconds = 5;
/** What a bash script sleeps before its one read-back ("give it a minute"). */
const naiveSleepMs = 60_000;

interface Scenario {
  name: string;
  environments: string[];
  propagationDelayMs: number;
  /** Fault rules added to every environment's control plane. */
  faults: FaultRule[];
}

const scenarios = (quick: boolean): Scenario[] => [
  {
    name: "prod+staging, applied at once",
    environments: ["prod", "staging"],
    propagationDelayMs: 0,
    faults: [],
  },
  {
    name: "prod+staging, 12 s propagation",
    environments: ["prod", "staging"],
    propagationDelayMs: 12_000,
    faults: [],
  },
  {
    name: "prod+staging, one 503 per promote",
    environments: ["prod", "staging"],
    propagationDelayMs: 0,
    faults: [{ match: { method: "POST" }, when: { nth: 1 }, then: { status: 503 } }],
  },
  ...(quick
    ? []
    : [
        {
          name: "6 environments, 45 s propagation",
          environments: ["prod", "staging", "dev", "eu", "us", "ap"],
          propagationDelayMs: 45_000,
          faults: [],
        },
      ]),
];

/** One control plane per environment, each on its own manual clock (matrix jobs run apart). */
async function plane(s: Scenario, env: string, clock = manualClock(start)): Promise<ControlPlane> {
  const cp = await startControlPlane({
    clock,
    latency: { ms: latencyMs, advanceClock: true },
    environments: [
      {
        name: env,
        token: `bench-${env}-token`,
        pins: [{ template_name: "runtime", region: "global", image_digest: OLD }],
        propagationDelayMs: s.propagationDelayMs,
      },
    ],
  });
  for (const rule of s.faults) cp.faults.add(rule);
  return cp;
}

const pinned = (cp: ControlPlane, env: string) =>
  cp.state.environments.get(env)!.pins.get(`runtime\0global`)?.image_digest;

/** pin-promote, one run per environment, concurrently (as the workflow's matrix does). */
async function ours(s: Scenario) {
  const runs = await Promise.all(
    s.environments.map(async (env) => {
      const clock = manualClock(start);
      const cp = await plane(s, env, clock);
      const log = memoryLogger();
      const deps: ActionDeps = {
        log,
        clock,
        env: {},
        cwd: process.cwd(),
        makeClient: (token, baseUrl) => createClient({ token, baseUrl, log }),
      };
      const given: Record<string, string> = {
        "api-url": cp.apiUrl(env),
        token: `bench-${env}-token`,
        template: "runtime",
        digest: NEW,
        "verify-interval-seconds": String(intervalSeconds),
      };
      const result = await action.run(
        readInputs(action.schema, (n) => given[n] ?? "", {}),
        deps,
      );
      const figures = {
        requests: cp.log.count(),
        wallMs: clock.now() - start,
        stale: pinned(cp, env) === NEW ? 0 : 1,
        failed: result.repos.filter((r) => r.status === "failed").length,
      };
      await cp.close();
      return figures;
    }),
  );
  return {
    requests: total(runs.map((r) => r.requests)),
    wallMs: Math.max(...runs.map((r) => r.wallMs)),
    stalePins: total(runs.map((r) => r.stale)),
    failedLoud: total(runs.map((r) => r.failed)),
  };
}

/**
 * The bash way: for each environment in turn, list the pins, `curl -fsS -X POST ... || true`
 * (best effort, no retry), `sleep 60`, read the pins once and only warn on a difference.
 */
async function naive(s: Scenario) {
  const clock = manualClock(start);
  let requests = 0;
  let stale = 0;
  for (const env of s.environments) {
    const cp = await plane(s, env, clock);
    const headers = { authorization: `Bearer bench-${env}-token` };
    const list = () =>
      fetch(`${cp.apiUrl(env)}${defaultPaths.pins}`, { headers }).then((r) => r.text());
    await list();
    await fetch(`${cp.apiUrl(env)}${defaultPaths.promote}`, {
      method: "POST",
      headers,
      body: JSON.stringify({ template_name: "runtime", image_digest: NEW, region: "global" }),
    }).then((r) => r.text());
    await clock.sleep(naiveSleepMs);
    await list();
    requests += cp.log.count();
    stale += pinned(cp, env) === NEW ? 0 : 1;
    await cp.close();
  }
  // The script always ends green: a failed promote was `|| true`, a mismatch only a warning.
  return { requests, wallMs: clock.now() - start, stalePins: stale, greenButStale: stale };
}

/** pin-promote against the control-plane simulator: polling and retries versus a fixed sleep. */
export const pinPromoteBench = perScenario("pin-promote", scenarios, async (s, log) => {
  // Per environment: read the previous pin, one promote, one read-back once it is visible.
  const minimum = s.environments.length * 3;
  const o = await ours(s);
  const n = await naive(s);
  log(
    `${s.name}: ${o.requests} requests (minimum ${minimum}), naive ${n.requests}, naive stale pins ${n.stalePins}`,
  );
  return benchRow(
    "pin-promote",
    { scenario: s.name, latencyMs },
    { minimum, ours: o, naive: n },
    { stalePins: o.stalePins, failedLoud: o.failedLoud },
  );
});
