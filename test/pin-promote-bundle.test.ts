import { afterEach, describe, expect, it } from "vitest";
import { A, B } from "../src/actions/pin-promote/pin.fixture.ts";
import { startControlPlane, type ControlPlane } from "../src/sim/control-plane/index.ts";
import { expectTokenMasked, runBundle, type BundleRun } from "./helpers/bundle.ts";
import { startProxy, type TestProxy } from "./helpers/proxy.ts";

const TOKEN = "cp-bundle-token-93be1f5c";
const pinsPath = "/prod/cp/admin/runtime-image";
const promotePath = "/prod/cp/admin/runtime-image/promote";

let cp: ControlPlane | undefined;
let proxy: TestProxy | undefined;
afterEach(async () => {
  await cp?.close();
  await proxy?.close();
  cp = undefined;
  proxy = undefined;
});

async function start(propagationDelayMs = 0) {
  cp = await startControlPlane({
    environments: [
      {
        name: "prod",
        token: TOKEN,
        pins: [{ template_name: "runtime", region: "global", image_digest: A }],
        propagationDelayMs,
      },
    ],
  });
  return cp;
}

/** Runs the committed bundle as a runner would; checks the token it was given shows nowhere. */
async function bundle(
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
): Promise<BundleRun> {
  const run = await runBundle(
    "pin-promote",
    {
      "api-url": cp!.apiUrl("prod"),
      token: TOKEN,
      template: "runtime",
      digest: B,
      environment: "prod",
      ...inputs,
    },
    // GitHub's variables are set as on a runner: the action must not use them.
    {
      env: {
        GITHUB_API_URL: "http://127.0.0.1:9",
        GITHUB_TOKEN: "gh-token-not-for-control-planes",
        FLEET_RETRY_UNIT_MS: "1",
        ...env,
      },
    },
  );
  expectTokenMasked(run, inputs.token ?? TOKEN);
  return run;
}

const errors = (run: BundleRun) => run.stdout.split("\n").filter((l) => l.startsWith("::error::"));

describe("actions/pin-promote/dist/index.cjs", () => {
  it("promotes, waits for the pin to propagate, and reports it", async () => {
    const c = await start(500);
    const run = await bundle({ "verify-interval-seconds": "1", "verify-timeout-seconds": "10" });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs["previous-digest"]).toBe(A);
    expect(run.outputs.digest).toBe(B);
    expect(run.outputs.verified).toBe("true");
    expect(JSON.parse(run.outputs.result!)).toEqual([
      {
        repository: "prod",
        status: "ok",
        planned: 1,
        done: 1,
        left: 0,
        template: "runtime",
        region: "global",
        previous: A,
        new: B,
        verified: "true",
      },
    ]);
    expect(run.summary).toContain(
      "| environment | status | template | region | previous | new | verified | done | left |",
    );
    expect(run.summary).toContain(`| runtime | global | ${A} | ${B} | true | 1 | 0 |`);
    expect(c.log.count({ method: "POST" })).toBe(1);
    expect(c.log.count({ method: "GET" })).toBeGreaterThanOrEqual(3);
  });

  it("rejects a bad digest with an ::error:: and makes no request", async () => {
    const c = await start();
    const run = await bundle({ digest: `sha256:${"B".repeat(64)}` });
    expect(run.code).toBe(1);
    expect(errors(run)).toEqual([
      `::error::pin-promote: Input 'digest': found 'sha256:${"B".repeat(64)}', allowed 'sha256:' followed by 64 lowercase hex digits (the OCI digest rule): uppercase hex is not allowed`,
    ]);
    expect(c.log.count()).toBe(0);
  });

  it("fails loud on 401 without showing the token", async () => {
    const c = await start();
    const run = await bundle({ token: `${TOKEN}-revoked` });
    expect(run.code).toBe(1);
    expect(errors(run)).toEqual([
      `::error::prod: GET ${c.url}${pinsPath} answered 401 Unauthorized: the control plane did not accept the token (missing, invalid, expired, or one of another environment); check the secret passed as token; response: {"error":"unauthorized: missing or invalid bearer token"}; ${B} was not promoted`,
    ]);
    expect(run.outputs.verified).toBe("false");
  });

  it("redacts a token the control plane echoes in an error body", async () => {
    const c = await start();
    c.faults.add({
      match: { method: "POST" },
      then: { status: 500, body: `upstream rejected request with Authorization: Bearer ${TOKEN}` },
    });
    const run = await bundle({});
    expect(run.code).toBe(1);
    expect(errors(run)).toEqual([
      `::error::prod: POST ${c.url}${promotePath} answered 500: upstream rejected request with Authorization: *** (gave up after 4 attempts); ${B} was not promoted`,
    ]);
  });

  it("dry run reads the pin and makes no mutating request", async () => {
    const c = await start();
    const run = await bundle({ "dry-run": "true" });
    expect(run.code).toBe(0);
    expect(c.log.format()).toBe(`GET ${pinsPath} -> 200 (prod-deployer)`);
    expect(run.summary).toContain("(dry run: nothing was changed)");
    expect(run.outputs["previous-digest"]).toBe(A);
  });

  it("reaches the control plane through http_proxy", async () => {
    const c = await start();
    proxy = await startProxy();
    const run = await bundle({ "dry-run": "true" }, { http_proxy: proxy.url });
    expect(run.code, run.stdout).toBe(0);
    expect(c.log.format()).toBe(`GET ${pinsPath} -> 200 (prod-deployer)`);
    expect(proxy.tunnels).toEqual([new URL(c.url).host]);
    expect(run.stderr).toBe("");
  });
});
