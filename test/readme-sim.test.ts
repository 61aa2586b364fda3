import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { expect, it, onTestFinished } from "vitest";

const root = resolve(import.meta.dirname, "..");

/** The shell block of the README's "The simulator" section, as printed. */
function simulatorBlock(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### The simulator\n"));
  const block = /```sh\n([^]*?)```/.exec(section);
  if (!block) throw new Error("README.md has no sh block under 'The simulator'");
  return block[1]!;
}

/** Whether something still answers at `url`. */
const answers = (url: string) =>
  fetch(`${url}/rate_limit`).then(
    () => true,
    () => false,
  );

it("runs the README's simulator instructions as printed: serve, source, sweep, stop", async () => {
  const block = simulatorBlock();
  expect(block).toContain("npx -- fleet sim --env-file sim.env &");
  // The block as printed, then one line that shows the test where the simulator was.
  const child = spawn("sh", ["-c", `${block}echo "url=$FLEET_SIM_URL"\n`], {
    cwd: root,
    // Offline: `npx fleet` is this package, and must never be looked for anywhere else.
    env: { ...process.env, npm_config_offline: "true", npm_config_update_notifier: "false" },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that a failed run (the block waiting forever for sim.env)
    // can be stopped whole.
    detached: true,
  });
  onTestFinished(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch (error) {
      // Already gone, as it is after a run that passed.
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, "exit") as Promise<[number]>;
  const result = await Promise.race([exited, delay(45_000).then(() => undefined)]);
  if (result === undefined) throw new Error(`the block did not finish; it wrote:\n${stderr}`);
  const [code] = result;
  expect(stderr).toContain("acme/docs");
  expect(stderr).not.toContain("error:");
  expect(code).toBe(0);
  const url = /^url=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)?.[1];
  expect(url).toBeDefined();

  // `kill $!` stopped npm; the simulator notices its parent is gone and stops within a second.
  const deadline = Date.now() + 5000;
  while ((await answers(url!)) && Date.now() < deadline) await delay(100);
  expect(await answers(url!)).toBe(false);
  expect(existsSync(join(root, "sim.env"))).toBe(false);
}, 60_000);
