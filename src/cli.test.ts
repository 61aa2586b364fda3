import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { FIXTURE_TOKEN, sweepFixture } from "./actions/stale-sweep/sweep.fixture.ts";
import { parseFlags, UsageError } from "./cli.ts";
import { startSim, type Sim } from "./sim/index.ts";

/** Runs `fleet` as a user would, with no token or API URL in the environment. */
const fleet = (...args: string[]) =>
  spawnSync(process.execPath, ["bin/fleet.mjs", ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH },
  });

/**
 * `fleet` without blocking this process, for runs against a simulator served from it; `env`
 * is the whole environment besides PATH.
 */
async function fleetAsync(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["bin/fleet.mjs", ...args], {
    env: { PATH: process.env.PATH, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [status] = (await once(child, "exit")) as [number | null];
  return { status, stdout, stderr };
}

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

  it("names an unknown flag, not the value after it, with the input it may mean, and lists the inputs", () => {
    expect(() => parseFlags(["--repo", "acme/a", "--dry-run", "--Verbose"], inputs)).toThrow(
      new UsageError(
        "unknown input --repo (did you mean --repositories?), --Verbose (did you mean --verbose?); inputs: repositories, dry-run, verbose, filter",
      ),
    );
  });
});

describe("fleet", () => {
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
      /^fleet resolve-targets: unknown input --filtre \(did you mean --filter\?\); inputs: .*\bfilter\b.*\n$/,
    );
  });

  it("suggests the action meant by a misspelt command", () => {
    const r = fleet("stale-swep");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("fleet: unknown command 'stale-swep' (did you mean 'stale-sweep'?)");
  });
});

describe("fleet --help", () => {
  it("lists every action with the description of its action.yml", () => {
    const r = fleet("--help");
    expect(r.status).toBe(0);
    const names = readdirSync("actions").filter((n) =>
      existsSync(join("actions", n, "action.yml")),
    );
    expect(names.length).toBeGreaterThanOrEqual(7);
    const flat = r.stdout.replace(/\s+/g, " ");
    for (const name of names) {
      const { description } = parse(readFileSync(join("actions", name, "action.yml"), "utf8")) as {
        description: string;
      };
      expect(flat).toContain(` ${name} ${description.replace(/\s+/g, " ")}`);
    }
  });

  it("prints an action's inputs with description, allowed values and default", () => {
    const r = fleet("stale-sweep", "--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /\n {2}--days-before-stale\n {6}Days without activity [^]*?\n {6}allowed: a whole number from 1 to 36500\n {6}default: 30\n/,
    );
    expect(r.stdout).toContain("  --close-reason\n");
    expect(r.stdout).toContain(
      "      allowed: one of not_planned, completed\n      default: not_planned\n",
    );
    expect(r.stdout).toMatch(/\n {2}--repositories \(required\)\n/);
    expect(r.stdout).toMatch(
      /\n {2}--token \(secret\)\n[^]*?\n {6}default: GITHUB_TOKEN, else GH_TOKEN\n/,
    );
    expect(fleet("help", "stale-sweep").stdout).toBe(r.stdout);
  });
});

describe("fleet resolve-targets", () => {
  it.each<[string, string]>([
    [`kind == "agent"`, `; strings take single quotes: kind == 'agent'`],
    [`kind = 'agent'`, `; compare with == (a single = is not an operator): kind == 'agent'`],
    [
      "kind == 'agnet'",
      `: found kind 'agnet', allowed one of the kinds sdk, docs, adk, agent, none (did you mean 'agent'?)`,
    ],
    [
      "meta.teem == 'sdk'",
      `: found meta.teem, which no target has; keys of meta that targets have: team,`,
    ],
  ])("fails on the filter %s with the fix", (filter, hint) => {
    const r = fleet("resolve-targets", "--filter", filter);
    expect(r.stderr).toContain(`filter "${filter}"`);
    expect(r.stderr).toContain(hint);
    expect(r.stdout).not.toContain("matrix=");
    expect(r.status).toBe(1);
  });

  it("says how many the filter selected and how many the repository input narrowed it to", () => {
    const r = fleet("resolve-targets", "--filter", "kind == 'agent'", "--repository", "tools");
    expect(r.stderr).toContain(
      `5 of 20 targets selected by "kind == 'agent'", narrowed to 1 by repository 'tools', in 1 job`,
    );
    expect(r.status).toBe(0);
  });
});

describe("fleet: the token", () => {
  let sim: Sim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it("when missing, names every place it could come from", () => {
    const r = fleet("stale-sweep", "--repositories", "acme/api", "--dry-run", "true");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "Input 'token': is required: none was given (the 'token' input, --token on the command line), and neither GITHUB_TOKEN nor GH_TOKEN is set",
    );
  });

  it("comes from GH_TOKEN when GITHUB_TOKEN is set but empty", async () => {
    sim = await startSim(sweepFixture(Date.now()));
    const args = ["stale-sweep", "--repositories", "acme/api", "--dry-run", "true"];
    const r = await fleetAsync([...args, "--api-url", sim.url], {
      GITHUB_TOKEN: "",
      GH_TOKEN: FIXTURE_TOKEN,
    });
    expect(r.stderr).not.toContain("Input 'token'");
    expect(r.status).toBe(0);
  });
});

describe("fleet: an API URL where nothing answers", () => {
  it("says it could not reach the URL, names --api-url, and does not wait out retries", async () => {
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    probe.close();
    await once(probe, "close");
    const started = Date.now();
    const r = await fleetAsync(["stale-sweep", "--repositories", "acme/api", "--api-url", url], {
      GITHUB_TOKEN: "t0ken",
    });
    expect(r.stderr).toContain(
      `could not reach ${url}: connect ECONNREFUSED 127.0.0.1:${url.split(":")[2]}; check the api-url input (--api-url on the command line)`,
    );
    expect(r.stderr).not.toContain("GitHub answered");
    expect(r.status).toBe(1);
    // Retried with GitHub's backoff this took 14 s.
    expect(Date.now() - started).toBeLessThan(8000);
  });
});
