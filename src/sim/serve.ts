import { writeEnvFile } from "./env-file.ts";
import { startSim } from "./index.ts";
import { resolveScenario } from "./scenario/named.ts";
import { describeState } from "./scenario/summary.ts";
import { untilStopped } from "./until-stopped.ts";

/**
 * `fleet sim [--scenario NAME|FILE] [--port N] [--env-file PATH]`: builds the scenario
 * (default `demo`, from `repos.yaml` in the working directory), serves it with the real clock,
 * prints two shell-sourceable lines to stdout (`FLEET_SIM_URL=...`, `FLEET_SIM_TOKEN=...`),
 * writes the same lines to `envFile` when given, and a short description to stderr. Resolves
 * once a signal or the end of its parent process (see untilStopped) has closed the server and
 * removed the env file.
 */
export async function serveSim(o: {
  scenario?: string | undefined;
  port: number;
  registry?: string;
  envFile?: string | undefined;
}): Promise<void> {
  const name = o.scenario ?? "demo";
  const state = await resolveScenario(name, {
    now: Date.now(),
    registry: o.registry ?? "repos.yaml",
  });
  const stop = untilStopped();
  const sim = await startSim(state, { port: o.port, clock: "real" });
  let removeEnvFile = () => {};
  try {
    const vars = { FLEET_SIM_URL: sim.url, FLEET_SIM_TOKEN: sim.token };
    if (o.envFile !== undefined) removeEnvFile = writeEnvFile(o.envFile, vars);
    process.stdout.write(`FLEET_SIM_URL=${sim.url}\nFLEET_SIM_TOKEN=${sim.token}\n`);
    const lines = [
      ...describeState(state, name),
      `REST at ${sim.url}, GraphQL at ${sim.url}/graphql; stop with Ctrl-C`,
    ];
    process.stderr.write(lines.map((line) => `fleet sim: ${line}\n`).join(""));
    const reason = await stop.stopped;
    process.stderr.write(`fleet sim: stopping (${reason})\n`);
  } finally {
    removeEnvFile();
    await sim.close();
    stop.release();
  }
}
