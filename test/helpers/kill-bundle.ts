import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { Sim } from "../../src/sim/index.ts";

/**
 * Spawns an action's committed bundle as a runner would and SIGKILLs it once the simulator has
 * received a request matching `at` (a write the simulator applies on arrival and then holds
 * the answer of, by a delay fault): the process dies between that write and the next.
 */
export async function killBundleAt(
  name: string,
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv,
  sim: Sim,
  /** The write to die after: its method, and its exact path or GraphQL operation. */
  at: { method: string; path?: string; operation?: string },
): Promise<void> {
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...env };
  for (const [key, value] of Object.entries(inputs)) childEnv[`INPUT_${key.toUpperCase()}`] = value;
  const child = spawn(process.execPath, [resolve("actions", name, "dist", "index.cjs")], {
    env: childEnv,
    stdio: "ignore",
  });
  const exited = new Promise<void>((done) => child.on("close", () => done()));
  const deadline = Date.now() + 20_000;
  // The status is logged once the write is applied, before the delay holds its answer.
  const applied = (e: { method: string; path: string; operation?: string; status: number }) =>
    e.status !== 0 &&
    e.method === at.method &&
    (at.path === undefined || e.path === at.path) &&
    (at.operation === undefined || e.operation === at.operation);
  while (sim.log.count(applied) === 0) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`${name} never sent ${at.method} ${at.path ?? at.operation}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill("SIGKILL");
  await exited;
}
