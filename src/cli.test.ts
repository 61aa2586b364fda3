import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseFlags } from "./cli.ts";

describe("parseFlags", () => {
  it("reads --name value, --name=value and bare flags", () => {
    expect(parseFlags(["--repositories", "acme/a,acme/b", "--dry-run=false", "--verbose"])).toEqual(
      {
        repositories: "acme/a,acme/b",
        "dry-run": "false",
        verbose: "true",
      },
    );
  });

  it("rejects a stray argument", () => {
    expect(() => parseFlags(["acme/a"])).toThrow(
      "unexpected argument 'acme/a' (inputs are --name value)",
    );
  });
});

describe("fleet", () => {
  const fleet = (...args: string[]) =>
    spawnSync(process.execPath, ["bin/fleet.mjs", ...args], {
      encoding: "utf8",
      env: { PATH: process.env.PATH },
    });

  it("prints usage and exits 2 for an unknown command", () => {
    const r = fleet("frobnicate");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("fleet: unknown command 'frobnicate'");
    expect(r.stderr).toContain("fleet sim [--scenario NAME|FILE] [--port N]");
  });
});
