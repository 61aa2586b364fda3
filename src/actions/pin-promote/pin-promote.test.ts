import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "../../core/clock.ts";
import { InputError, readInputs } from "../../core/inputs.ts";
import type { ActionResult } from "../../core/report.ts";
import { startControlPlane, type ControlPlane } from "../../sim/control-plane/index.ts";
import { testDeps } from "../../../test/helpers/deps.ts";
import { action } from "./pin-promote.ts";
import { A, B } from "./pin.fixture.ts";

const TOKEN = "cp-prod-token-7d41c0a9e2";
const READ_TOKEN = "cp-prod-read-token-0b9e";
const promotePath = "/prod/cp/admin/runtime-image/promote";
const pinsPath = "/prod/cp/admin/runtime-image";

let cp: ControlPlane | undefined;
/** Everything a test's runs printed or returned, scanned for the tokens after each test. */
let captured: string[] = [];

afterEach(async () => {
  const all = captured.join("\n");
  captured = [];
  await cp?.close();
  cp = undefined;
  expect(all).not.toContain(TOKEN);
  expect(all).not.toContain(READ_TOKEN);
});

async function start(o: { propagationDelayMs?: number; pins?: string | null } = {}) {
  const clock = manualClock(Date.parse("2026-06-01T00:00:00Z"));
  cp = await startControlPlane({
    clock,
    environments: [
      {
        name: "prod",
        token: TOKEN,
        readToken: READ_TOKEN,
        templates: ["runtime"],
        regions: ["global", "eu"],
        pins:
          o.pins === null
            ? []
            : [{ template_name: "runtime", region: "global", image_digest: o.pins ?? A }],
        propagationDelayMs: o.propagationDelayMs ?? 0,
      },
    ],
  });
  return { cp, clock };
}

async function run(
  inputs: Record<string, string>,
  clock: ReturnType<typeof manualClock>,
): Promise<ActionResult> {
  const deps = testDeps({ clock, env: { FLEET_RETRY_UNIT_MS: "1" } });
  const given: Record<string, string> = {
    "api-url": cp!.apiUrl("prod"),
    token: TOKEN,
    template: "runtime",
    digest: B,
    environment: "prod",
    ...inputs,
  };
  try {
    const result = await action.run(
      readInputs(action.schema, (name) => given[name] ?? "", {}),
      deps,
    );
    captured.push(JSON.stringify(result));
    return result;
  } finally {
    captured.push(...deps.log.lines.map((l) => `${l.level}: ${l.message}`));
  }
}

const requests = () => cp!.log.format();

describe("pin-promote run()", () => {
  it("promotes, then reads back until a delayed promotion shows", async () => {
    const { clock } = await start({ propagationDelayMs: 12_000 });
    const result = await run({}, clock);
    expect(requests()).toBe(
      [
        `GET ${pinsPath} -> 200 (prod-deployer)`,
        `POST ${promotePath} -> 200 (prod-deployer)`,
        `GET ${pinsPath} -> 200 (prod-deployer)`,
        `GET ${pinsPath} -> 200 (prod-deployer)`,
        `GET ${pinsPath} -> 200 (prod-deployer)`,
        `GET ${pinsPath} -> 200 (prod-deployer)`,
      ].join("\n"),
    );
    expect(result.outputs).toEqual({ "previous-digest": A, digest: B, verified: "true" });
    expect(result.repos).toEqual([
      {
        repository: "prod",
        status: "ok",
        planned: 1,
        done: 1,
        left: 0,
        counts: { template: "runtime", region: "global", previous: A, new: B, verified: "true" },
        items: [
          { text: "promoted: POST /cp/admin/runtime-image/promote answered 200" },
          { text: `verified: read back ${B} after 4 reads (15 s)` },
        ],
      },
    ]);
    expect(cp!.state.environments.get("prod")!.history).toMatchObject([
      { template_name: "runtime", region: "global", image_digest: B, by: "prod-deployer" },
    ]);
  });

  it("makes no change on a second run", async () => {
    const { clock } = await start();
    await run({}, clock);
    cp!.log.clear();
    const again = await run({}, clock);
    expect(requests()).toBe(`GET ${pinsPath} -> 200 (prod-deployer)`);
    expect(again.outputs).toEqual({ "previous-digest": B, digest: B, verified: "true" });
    expect(again.repos[0]).toMatchObject({ status: "ok", planned: 0, done: 0 });
    expect(again.repos[0]!.notice).toBe(`runtime@global already reads ${B}; nothing to promote`);
  });

  it("fails with expected and actual when the pin still differs at the deadline", async () => {
    const { clock } = await start({ propagationDelayMs: 3_600_000 });
    const result = await run({ "verify-timeout-seconds": "20" }, clock);
    expect(result.outputs).toEqual({ "previous-digest": A, digest: B, verified: "false" });
    expect(result.repos[0]).toMatchObject({ status: "failed", planned: 1, done: 1, left: 0 });
    expect(result.repos[0]!.error).toBe(
      `pin runtime@global does not read back as the promoted digest after 5 reads over 20 s: expected ${B}, actual ${A}`,
    );
    expect(cp!.log.count({ method: "GET" })).toBe(6);
  });

  it("fails when there is no pin for the template and region (verify mode)", async () => {
    const { clock } = await start();
    const result = await run(
      { mode: "verify", region: "eu", "verify-timeout-seconds": "10" },
      clock,
    );
    expect(result.repos[0]!.error).toBe(
      `no pin for template 'runtime' in region 'eu' after 3 reads over 10 s (pins present: runtime@global); expected ${B}`,
    );
    expect(result.outputs).toEqual({ "previous-digest": "", digest: B, verified: "false" });
    expect(cp!.log.mutations()).toEqual([]);
  });

  it("verify mode succeeds at once when the pin already reads as the digest", async () => {
    const { clock } = await start({ pins: B });
    const result = await run({ mode: "verify" }, clock);
    expect(result.outputs.verified).toBe("true");
    expect(cp!.log.count()).toBe(1);
  });

  it("401: the token was not accepted, nothing was promoted and nothing retried", async () => {
    const { clock } = await start();
    const result = await run({ token: "not-the-right-token" }, clock);
    expect(requests()).toBe(`GET ${pinsPath} -> 401`);
    expect(result.repos[0]).toMatchObject({ status: "failed", planned: 1, done: 0, left: 1 });
    expect(result.repos[0]!.error).toBe(
      `GET ${cp!.url}${pinsPath} answered 401 Unauthorized: the control plane did not accept the token (missing, invalid, expired, or one of another environment); check the secret passed as token; response: {"error":"unauthorized: missing or invalid bearer token"}; ${B} was not promoted`,
    );
  });

  it("403: a read-only token may not promote", async () => {
    const { clock } = await start();
    const result = await run({ token: READ_TOKEN }, clock);
    expect(requests()).toBe(
      [`GET ${pinsPath} -> 200 (prod-reader)`, `POST ${promotePath} -> 403 (prod-reader)`].join(
        "\n",
      ),
    );
    expect(result.repos[0]!.error).toBe(
      `POST ${cp!.url}${promotePath} answered 403 Forbidden: the token is valid but may not promote on this control plane; use a token with that permission; response: {"error":"forbidden: prod-reader may read pins but not promote"}; ${B} was not promoted`,
    );
    expect(result.outputs).toEqual({ "previous-digest": A, digest: B, verified: "false" });
  });

  it("404: a wrong path or an unknown template", async () => {
    const { clock } = await start();
    const wrongPath = await run({ "promote-path": "/cp/admin/promote" }, clock);
    expect(wrongPath.repos[0]!.error).toContain(
      "answered 404 Not Found: api-url or promote-path does not name an endpoint of this control plane, or it does not know template 'runtime'",
    );
    const wrongPins = await run({ "pins-path": "/cp/pins" }, clock);
    expect(wrongPins.repos[0]!.error).toContain(
      `GET ${cp!.url}/prod/cp/pins answered 404 Not Found: api-url or pins-path does not name`,
    );
    const unknown = await run({ template: "sandbox" }, clock);
    expect(unknown.repos[0]!.error).toContain(`response: {"error":"template 'sandbox' not found"}`);
    expect(cp!.state.environments.get("prod")!.history).toEqual([]);
  });

  it("422: the control plane refuses the region", async () => {
    const { clock } = await start();
    const result = await run({ region: "eu-west" }, clock);
    expect(result.repos[0]!.error).toBe(
      `POST ${cp!.url}${promotePath} answered 422 Unprocessable: the control plane refused template 'runtime', region 'eu-west', digest ${B}; it may not know this region or template, or this image; response: {"error":"unknown region 'eu-west'","regions":["eu","global"]}; ${B} was not promoted`,
    );
    expect(cp!.log.count({ method: "POST" })).toBe(1);
  });

  it("retries 5xx answers, resets and truncated bodies, then succeeds", async () => {
    const { clock } = await start();
    cp!.faults.add({ match: { method: "GET" }, when: { nth: 1 }, then: { reset: true } });
    cp!.faults.add({
      match: { method: "POST" },
      when: { nth: 1 },
      then: { status: 503, body: { error: "maintenance" } },
    });
    cp!.faults.add({ match: { method: "POST" }, when: { nth: 2 }, then: { status: 502 } });
    cp!.faults.add({ match: { method: "GET" }, when: { nth: 3 }, then: { truncate: true } });
    const result = await run({}, clock);
    expect(requests()).toBe(
      [
        `GET ${pinsPath} -> reset (prod-deployer)`,
        `GET ${pinsPath} -> 200 (prod-deployer)`,
        `POST ${promotePath} -> 503 (prod-deployer)`,
        `POST ${promotePath} -> 502 (prod-deployer)`,
        `POST ${promotePath} -> 200 (prod-deployer)`,
        // Truncated: the status line arrived, half the body did not.
        `GET ${pinsPath} -> 200 (prod-deployer)`,
        `GET ${pinsPath} -> 200 (prod-deployer)`,
      ].join("\n"),
    );
    expect(result.outputs.verified).toBe("true");
    expect(captured.join("\n")).toContain(`GET ${cp!.url}${pinsPath}: network error (`);
    expect(captured.join("\n")).toContain(
      `POST ${cp!.url}${promotePath}: answered 503: {"error":"maintenance"}; retrying in 1 ms (1 of 3)`,
    );
  });

  it("gives up after the retries with the status and a sanitized body", async () => {
    const { clock } = await start();
    cp!.faults.add({
      match: { method: "POST" },
      then: {
        status: 500,
        body: { error: "upstream failed", request: { authorization: `Bearer ${TOKEN}` } },
      },
    });
    const result = await run({}, clock);
    expect(cp!.log.count({ method: "POST", status: 500 })).toBe(4);
    expect(result.repos[0]!.error).toBe(
      `POST ${cp!.url}${promotePath} answered 500: {"error":"upstream failed","request":{"authorization":"***"}} (gave up after 4 attempts); ${B} was not promoted`,
    );
  });

  it("fails loud on a listing that is not the expected JSON, before promoting", async () => {
    const { clock } = await start();
    cp!.faults.add({ match: { method: "GET" }, then: { status: 200, body: "<html>login</html>" } });
    const result = await run({}, clock);
    expect(result.repos[0]!.error).toMatch(
      new RegExp(`^GET ${cp!.url}${pinsPath} answered 200 but the body is not JSON \\(`),
    );
    expect(cp!.log.mutations()).toEqual([]);
  });

  it("dry run reads the current pin and posts nothing", async () => {
    const { clock } = await start({ propagationDelayMs: 5_000 });
    const preview = await run({ "dry-run": "true" }, clock);
    expect(requests()).toBe(`GET ${pinsPath} -> 200 (prod-deployer)`);
    expect(preview.outputs).toEqual({ "previous-digest": A, digest: B, verified: "false" });
    expect(preview.repos[0]).toMatchObject({ status: "ok", planned: 1, done: 1, left: 0 });
    const real = await run({}, clock);
    expect(real.repos[0]).toMatchObject({ status: "ok", planned: 1, done: 1, left: 0 });
    expect(real.outputs["previous-digest"]).toBe(preview.outputs["previous-digest"]);
  });

  it("promote mode posts without reading back", async () => {
    const { clock } = await start({ pins: null });
    const result = await run({ mode: "promote" }, clock);
    expect(requests()).toBe(
      [`GET ${pinsPath} -> 200 (prod-deployer)`, `POST ${promotePath} -> 200 (prod-deployer)`].join(
        "\n",
      ),
    );
    expect(result.outputs).toEqual({ "previous-digest": "", digest: B, verified: "false" });
    expect(result.repos[0]!.counts!.previous).toBe("(none)");
  });

  it.each([
    ["uppercase hex", `sha256:${"B".repeat(64)}`],
    ["wrong length", `sha256:${"b".repeat(63)}`],
    ["sha512", `sha512:${"b".repeat(128)}`],
    ["no prefix", "b".repeat(64)],
  ])("rejects a digest with %s before any request", async (_, digest) => {
    const { clock } = await start();
    const error = await run({ digest }, clock).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^Input 'digest': found '/);
    captured.push((error as Error).message);
    expect(cp!.log.count()).toBe(0);
  });
});
