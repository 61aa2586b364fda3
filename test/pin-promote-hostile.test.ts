import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { A, B } from "../src/actions/pin-promote/pin.fixture.ts";
import { startControlPlane, type ControlPlane } from "../src/sim/control-plane/index.ts";
import { runBundle, type BundleRun } from "./helpers/bundle.ts";

// pin-promote against a caller or a server that does not play fair: a path input that the URL
// parser would resolve elsewhere, and a server that echoes the token back in other encodings.

const TOKEN = "cp+tok/en=42ab_Z<9>";

let cp: ControlPlane | undefined;
let echo: Server | undefined;
afterEach(async () => {
  await cp?.close();
  await new Promise((done) => (echo ? echo.close(done) : done(undefined)));
  cp = undefined;
  echo = undefined;
});

const bundle = (inputs: Record<string, string>): Promise<BundleRun> =>
  runBundle(
    "pin-promote",
    { token: TOKEN, template: "runtime", digest: B, environment: "prod", ...inputs },
    { env: { FLEET_RETRY_UNIT_MS: "1" } },
  );

/** The token as a server or a library may echo it. */
const echoes: Record<string, string> = {
  "JSON with \\/": JSON.stringify(TOKEN).slice(1, -1).replaceAll("/", "\\/"),
  "JSON \\u002B": JSON.stringify(TOKEN).slice(1, -1).replaceAll("+", "\\u002B"),
  "URL-encoded": encodeURIComponent(TOKEN),
  "URL-encoded, lower case": encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (h) =>
    h.toLowerCase(),
  ),
  base64: Buffer.from(`Bearer ${TOKEN}`).toString("base64"),
  base64url: Buffer.from(`x:${TOKEN}`).toString("base64url"),
};

describe("pin-promote, hostile paths", () => {
  it.each([
    "/prod/%2e%2e/staging/cp/admin/runtime-image/promote",
    "/prod/%2E%2E/staging/cp/admin/runtime-image/promote",
    "/prod/%252e%252e/staging/promote",
    "/prod/cp%2f..%2fstaging/promote",
    "/prod/.%2e/staging/promote",
  ])("refuses promote-path %s before any request", async (path) => {
    cp = await startControlPlane({
      environments: [
        {
          name: "prod",
          token: TOKEN,
          pins: [{ template_name: "runtime", region: "global", image_digest: A }],
        },
        { name: "staging", token: "staging-token-1", pins: [] },
      ],
    });
    const run = await bundle({ "api-url": cp.apiUrl("prod"), "promote-path": path });
    expect(run.code).toBe(1);
    // Workflow commands write `%` as `%25`; the runner shows it back as `%`.
    const shown = path.replaceAll("%", "%25");
    expect(run.stdout).toContain(
      `::error::pin-promote: Input 'promote-path': found '${shown}', allowed a path starting with '/'`,
    );
    expect(cp.log.count()).toBe(0);
  });
});

describe("pin-promote, a server that echoes the token", () => {
  it.each(Object.entries(echoes))("never shows it %s", async (_, echoed) => {
    echo = createServer((req, res) => {
      res.writeHead(req.method === "GET" ? 200 : 400, { "content-type": "application/json" });
      res.end(
        req.method === "GET"
          ? JSON.stringify({
              runtime_image_pins: [{ template_name: "runtime", region: "global", image_digest: A }],
            })
          : `{"message":"token ${echoed} is not allowed to promote"}`,
      );
    });
    await new Promise<void>((done) => echo!.listen(0, "127.0.0.1", done));
    const port = (echo.address() as AddressInfo).port;
    const run = await bundle({ "api-url": `http://127.0.0.1:${port}/prod` });
    expect(run.code).toBe(1);
    const shown = run.stdout
      .split("\n")
      .filter((l) => !l.startsWith("::add-mask::"))
      .join("\n");
    for (const [where, text] of Object.entries({
      log: shown,
      stderr: run.stderr,
      summary: run.summary,
      outputs: JSON.stringify(run.outputs),
    })) {
      expect(text, where).not.toContain(echoed);
      expect(text, where).not.toContain(TOKEN);
    }
    expect(shown).toContain("***");
  });
});
