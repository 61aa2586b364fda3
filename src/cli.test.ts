import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseFlags, UsageError } from "./cli.ts";

const inputs = ["repositories", "dry-run", "verbose", "filter"];

describe("parseFlags", () => {
  it("reads --name value, --name=value and bare flags", () => {
    expect(
      parseFlags(["--repositories", "acme/a,acme/b", "--dry-run=false", "--verbose"], inputs),
    ).toEqual({
      repositories: "acme/a,acme/b",
      "dry-run": "false",
      verbose: "true",
    });
  });

  it("reads a bare flag followed by another flag as true", () => {
    expect(parseFlags(["--dry-run", "--filter", "kind == 'sdk'", "--verbose"], inputs)).toEqual({
      "dry-run": "true",
      filter: "kind == 'sdk'",
      verbose: "true",
    });
  });

  it("keeps a value that starts with a dash when it is written with =", () => {
    expect(parseFlags(["--filter=--x"], inputs)).toEqual({ filter: "--x" });
  });

  it("rejects a stray argument", () => {
    expect(() => parseFlags(["acme/a"], inputs)).toThrow(
      "unexpected argument 'acme/a' (inputs are --name value)",
    );
  });

  it("names an unknown flag, not the value after it, and lists the inputs", () => {
    expect(() => parseFlags(["--repo", "acme/a", "--dry-run", "--Verbose"], inputs)).toThrow(
      new UsageError(
        "unknown input --repo, --Verbose; inputs: repositories, dry-run, verbose, filter",
      ),
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

  it("exits 2 naming an unknown flag and the action's inputs", () => {
    const r = fleet("resolve-targets", "--filtre", "kind == 'sdk'");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^fleet resolve-targets: unknown input --filtre; inputs: .*\bfilter\b.*\n$/,
    );
  });
});
