import { startSim } from "./index.ts";
import { resolveScenario } from "./scenario/named.ts";
import { describeState } from "./scenario/summary.ts";

/**
 * `fleet sim [--scenario NAME|FILE] [--port N]`: builds the scenario (default `demo`, from
 * `repos.yaml` in the working directory), serves it with the real clock, prints two
 * shell-sourceable lines to stdout (`FLEET_SIM_URL=...`, `FLEET_SIM_TOKEN=...`) and a short
 * description to stderr, and resolves once SIGINT or SIGTERM has closed the server.
 */
export async function serveSim(o: {
  scenario?: string | undefined;
  port: number;
  registry?: string;
}): Promise<void> {
  const name = o.scenario ?? "demo";
  const state = await resolveScenario(name, {
    now: Date.now(),
    registry: o.registry ?? "repos.yaml",
  });
  const sim = await startSim(state, { port: o.port, clock: "real" });
  // Stay registered until closed: a signal repeated during shutdown must not kill the
  // process half-way (tsx relays signals to us as well).
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    process.stdout.write(`FLEET_SIM_URL=${sim.url}\nFLEET_SIM_TOKEN=${sim.token}\n`);
    const lines = [
      ...describeState(state, name),
      `REST at ${sim.url}, GraphQL at ${sim.url}/graphql; stop with Ctrl-C`,
    ];
    process.stderr.write(lines.map((line) => `fleet sim: ${line}\n`).join(""));
    await stopped;
  } finally {
    await sim.close();
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
