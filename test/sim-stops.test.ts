import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it, onTestFinished } from "vitest";

const root = resolve(import.meta.dirname, "..");

/** Whether something still answers at `url`. */
const answers = (url: string) =>
  fetch(`${url}/rate_limit`).then(
    () => true,
    () => false,
  );

/** Waits up to 5 s for `url` to stop answering. */
async function closes(url: string): Promise<boolean> {
  const deadline = Date.now() + 5000;
  while ((await answers(url)) && Date.now() < deadline) await delay(100);
  return !(await answers(url));
}

/** Waits for `file` to hold the two variables; their URL. */
async function urlIn(file: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const text = existsSync(file) ? readFileSync(file, "utf8") : "";
    const url = /^FLEET_SIM_URL=(.+)$/m.exec(text)?.[1];
    if (url && /^FLEET_SIM_TOKEN=ghs_\w+$/m.test(text)) return url;
    await delay(100);
  }
  throw new Error(`${file} was never written`);
}

/** Starts `script` in sh in a process group of its own, removed when the test ends. */
function shell(script: string) {
  const child = spawn("sh", ["-c", script], { cwd: root, detached: true, stdio: "ignore" });
  onTestFinished(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  });
  return child;
}

describe("fleet sim stops", () => {
  it("on SIGINT to the process the user started, removing its env file", async () => {
    const envFile = join(mkdtempSync(join(tmpdir(), "sim-")), "sim.env");
    const child = spawn("bin/fleet.mjs", ["sim", "--scenario", "empty", "--env-file", envFile], {
      cwd: root,
      stdio: "ignore",
    });
    const url = await urlIn(envFile);
    const exited = once(child, "exit");
    child.kill("SIGINT");
    expect(await exited).toEqual([0, null]);
    expect(await closes(url)).toBe(true);
    expect(existsSync(envFile)).toBe(false);
  });

  it("when the process that started it is killed outright", async () => {
    const envFile = join(mkdtempSync(join(tmpdir(), "sim-")), "sim.env");
    const parent = shell(`bin/fleet.mjs sim --scenario empty --env-file ${envFile} & wait`);
    const url = await urlIn(envFile);
    process.kill(parent.pid!, "SIGKILL");
    expect(await closes(url)).toBe(true);
    expect(existsSync(envFile)).toBe(false);
  });
});
