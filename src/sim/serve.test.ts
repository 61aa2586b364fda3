import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..", "..");
const started: ChildProcess[] = [];

/** Starts `fleet sim` in its own process group, so the test can stop every process it spawns. */
function startFleet(command: string[], args: string[]): ChildProcess {
  const child = spawn(process.execPath, [...command, ...args], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  return child;
}

/** The first `n` lines of the child's stdout (fails if it exits first). */
async function firstLines(child: ChildProcess, n: number): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: child.stdout! })) {
    lines.push(line);
    if (lines.length === n) return lines;
  }
  throw new Error(`fleet sim exited after ${lines.length} lines`);
}

function collect(stream: NodeJS.ReadableStream): () => string {
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

afterEach(() => {
  for (const child of started.splice(0))
    if (groupAlive(child.pid!)) process.kill(-child.pid!, "SIGKILL");
});

function parseEnvLines(lines: string[]) {
  expect(lines[0]).toMatch(/^FLEET_SIM_URL=http:\/\/127\.0\.0\.1:\d+$/);
  expect(lines[1]).toMatch(/^FLEET_SIM_TOKEN=ghs_[A-Za-z0-9]{36}$/);
  return { url: lines[0]!.split("=")[1]!, token: lines[1]!.split("=")[1]! };
}

describe("fleet sim", () => {
  it("prints two sourceable lines, serves with that token, and stops on SIGTERM", async () => {
    const child = startFleet(["bin/fleet.mjs"], ["sim", "--port", "0"]);
    const { url, token } = parseEnvLines(await firstLines(child, 2));
    const ok = await fetch(`${url}/rate_limit`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { resources: { core: { limit: number } } };
    expect(body.resources.core.limit).toBe(5000);
    expect((await fetch(`${url}/rate_limit`)).status).toBe(401);

    process.kill(-child.pid!, "SIGTERM");
    // The bin (the CLI itself, in one process) ends; the port no longer answers.
    while (groupAlive(child.pid!)) await delay(50);
    await expect(fetch(`${url}/rate_limit`)).rejects.toThrow();
  });

  it("closes cleanly with exit code 0, after describing the scenario on stderr", async () => {
    const child = startFleet(["--import", "tsx", "src/cli.ts"], ["sim", "--scenario", "empty"]);
    const stderr = collect(child.stderr!);
    const { url, token } = parseEnvLines(await firstLines(child, 2));
    const res = await fetch(`${url}/repos/acme/sandbox`, {
      headers: { authorization: `token ${token}` },
    });
    expect(res.status).toBe(200);
    const exited = once(child, "exit");
    process.kill(child.pid!, "SIGTERM");
    expect(await exited).toEqual([0, null]);
    expect(stderr()).toContain("fleet sim: scenario 'empty'");
  });

  it("fails on an unknown scenario, listing the names", async () => {
    const child = startFleet(["--import", "tsx", "src/cli.ts"], ["sim", "--scenario", "nope"]);
    const stderr = collect(child.stderr!);
    const stdout = collect(child.stdout!);
    const [code] = (await once(child, "exit")) as [number];
    expect(code).toBe(1);
    expect(stdout()).toBe("");
    expect(stderr()).toContain(
      "found unknown scenario 'nope', allowed one of demo, small, large, empty, or a scenario file",
    );
  });
});
