import { afterEach, describe, expect, it } from "vitest";
import { startControlPlane, type ControlPlane } from "./index.ts";

const A = `sha256:${"a".repeat(64)}`;
const B = `sha256:${"b".repeat(64)}`;

let cp: ControlPlane | undefined;
afterEach(async () => {
  await cp?.close();
  cp = undefined;
});

async function start(propagationDelayMs = 0) {
  cp = await startControlPlane({
    clock: "manual",
    environments: [
      {
        name: "prod",
        token: "prod-secret-token",
        readToken: "prod-read-token",
        regions: ["global", "eu"],
        pins: [{ template_name: "runtime", region: "global", image_digest: A }],
        propagationDelayMs,
      },
      { name: "staging", token: "staging-secret-token", templates: ["runtime"] },
    ],
  });
  return cp;
}

async function call(
  c: ControlPlane,
  env: string,
  method: "GET" | "POST",
  path: string,
  token: string | undefined,
  body?: unknown,
) {
  // Not apiUrl(): requests to an environment that does not exist are part of the test.
  const res = await fetch(`${c.url}/${env}${path}`, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const pins = "/cp/admin/runtime-image";
const promote = "/cp/admin/runtime-image/promote";
const body = (digest = B, region = "global", template_name = "runtime") => ({
  template_name,
  image_digest: digest,
  region,
});

describe("control-plane simulator", () => {
  it("serves each environment's pins under its own path and token", async () => {
    const c = await start();
    const prod = await call(c, "prod", "GET", pins, "prod-secret-token");
    expect(prod.status).toBe(200);
    expect(prod.body.runtime_image_pins).toMatchObject([
      { template_name: "runtime", region: "global", image_digest: A, updated_by: "seed" },
    ]);
    expect((await call(c, "staging", "GET", pins, "staging-secret-token")).body).toEqual({
      runtime_image_pins: [],
    });
    expect((await call(c, "staging", "GET", pins, "prod-secret-token")).status).toBe(401);
    expect((await call(c, "prod", "GET", pins, undefined)).status).toBe(401);
    expect(c.log.format()).not.toContain("secret");
    expect(c.log.entries.map((e) => e.token)).toEqual([
      "prod-deployer",
      "staging-deployer",
      undefined,
      undefined,
    ]);
  });

  it("makes a promotion visible only after the propagation delay", async () => {
    const c = await start(10_000);
    const posted = await call(c, "prod", "POST", promote, "prod-secret-token", body());
    expect(posted).toMatchObject({ status: 200, body: { promotion: { status: "pending" } } });
    const before = await call(c, "prod", "GET", pins, "prod-secret-token");
    expect(before.body.runtime_image_pins).toMatchObject([{ image_digest: A }]);
    c.clock.advance(10_000);
    const after = await call(c, "prod", "GET", pins, "prod-secret-token");
    expect(after.body.runtime_image_pins).toMatchObject([
      { image_digest: B, updated_by: "prod-deployer" },
    ]);
    expect(c.log.mutations().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      `POST /prod${promote} 200`,
    ]);
  });

  it("answers 403, 404, 405, 400 and 422 for what it refuses, and changes nothing", async () => {
    const c = await start();
    const token = "prod-secret-token";
    expect((await call(c, "prod", "POST", promote, "prod-read-token", body())).status).toBe(403);
    expect((await call(c, "prod", "POST", promote, token, body(B, "global", "x"))).body).toEqual({
      error: "template 'x' not found",
    });
    expect((await call(c, "prod", "POST", "/nope", token, body())).status).toBe(404);
    expect((await call(c, "nowhere", "GET", pins, token)).status).toBe(404);
    expect((await call(c, "prod", "POST", pins, token, body())).status).toBe(405);
    const res = await fetch(`${c.apiUrl("prod")}${promote}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: "{",
    });
    expect(res.status).toBe(400);
    expect((await call(c, "prod", "POST", promote, token, body("sha256:ABC"))).status).toBe(422);
    expect((await call(c, "prod", "POST", promote, token, body(B, "mars"))).body).toEqual({
      error: "unknown region 'mars'",
      regions: ["eu", "global"],
    });
    expect((await call(c, "prod", "POST", promote, token, { region: "eu" })).body).toEqual({
      error: "invalid request",
      missing: ["template_name", "image_digest"],
    });
    expect(c.state.environments.get("prod")!.history).toEqual([]);
  });

  it("applies fault rules: a replaced answer and a reset have no effect", async () => {
    const c = await start();
    c.faults.add({ match: { method: "POST" }, when: { nth: 1 }, then: { status: 503 } });
    c.faults.add({ match: { method: "POST" }, when: { nth: 2 }, then: { reset: true } });
    expect((await call(c, "prod", "POST", promote, "prod-secret-token", body())).status).toBe(503);
    await expect(call(c, "prod", "POST", promote, "prod-secret-token", body())).rejects.toThrow();
    expect(c.state.environments.get("prod")!.history).toEqual([]);
    expect((await call(c, "prod", "POST", promote, "prod-secret-token", body())).status).toBe(200);
    expect(c.log.entries.map((e) => e.status)).toEqual([503, 0, 200]);
    expect(c.state.environments.get("prod")!.history).toHaveLength(1);
  });

  it("cuts a truncated answer short", async () => {
    const c = await start();
    c.faults.add({ match: { method: "GET" }, then: { truncate: true } });
    await expect(call(c, "prod", "GET", pins, "prod-secret-token")).rejects.toThrow();
    expect(c.log.entries.map((e) => e.status)).toEqual([200]);
  });

  it("serves custom paths", async () => {
    cp = await startControlPlane({
      environments: [{ name: "prod", token: "t0ken-prod", pins: [] }],
      paths: { pins: "/v2/pins", promote: "/v2/pins/promote" },
    });
    expect((await call(cp, "prod", "GET", "/v2/pins", "t0ken-prod")).status).toBe(200);
    expect((await call(cp, "prod", "GET", pins, "t0ken-prod")).status).toBe(404);
  });

  it("adds latency to a manual clock instead of waiting, when asked", async () => {
    cp = await startControlPlane({
      clock: { start: 0 },
      latency: { ms: 250, advanceClock: true },
      environments: [{ name: "prod", token: "t0ken-prod" }],
    });
    await call(cp, "prod", "GET", pins, "t0ken-prod");
    await call(cp, "prod", "GET", pins, "t0ken-prod");
    expect(cp.clock.now()).toBe(500);
    expect(cp.log.entries.map((e) => e.time)).toEqual([0, 250]);
  });
});
