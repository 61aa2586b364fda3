import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { systemClock } from "./core/clock.ts";
import { createClient } from "./core/client.ts";
import type { ActionSpec } from "./core/action.ts";
import { executeAction } from "./core/execute.ts";
import { streamLogger } from "./core/logger.ts";
import { redact } from "./core/redact.ts";
import { timingsFromEnv } from "./core/timings-env.ts";

const usage = `fleet: maintain an organisation's repositories from one control repository

  fleet <action> [--<input> value ...]   run an action here, e.g.
      fleet stale-sweep --repositories acme/api --dry-run true
      (token from --token, GITHUB_TOKEN or GH_TOKEN; API from --api-url or GITHUB_API_URL)
  fleet sim [--scenario NAME|FILE] [--port N]
      serve the GitHub simulator; prints FLEET_SIM_URL and FLEET_SIM_TOKEN
  fleet demo [--registry repos.yaml]
      every action against the simulator, dry run then for real`;

/** `--name value` pairs; a flag without a value is `true`. */
export function parseFlags(args: readonly string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--"))
      throw new Error(`unexpected argument '${arg}' (inputs are --name value)`);
    const eq = arg.indexOf("=");
    if (eq > 0) {
      flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else if (i + 1 < args.length && !args[i + 1]!.startsWith("--")) {
      flags[arg.slice(2)] = args[++i]!;
    } else {
      flags[arg.slice(2)] = "true";
    }
  }
  return flags;
}

async function runActionLocally(name: string, flags: Record<string, string>): Promise<number> {
  const file = resolve(import.meta.dirname, "actions", name, `${name}.ts`);
  if (!/^[a-z-]+$/.test(name) || !existsSync(file)) {
    process.stderr.write(`fleet: unknown command '${name}'\n\n${usage}\n`);
    return 2;
  }
  const { action } = (await import(file)) as { action: ActionSpec };
  const unknown = Object.keys(flags).filter((f) => !(f in action.schema.shape));
  if (unknown.length > 0) {
    process.stderr.write(
      `fleet ${name}: unknown input ${unknown.map((u) => `--${u}`).join(", ")}; inputs: ${Object.keys(action.schema.shape).join(", ")}\n`,
    );
    return 2;
  }
  const secrets: string[] = [];
  const write = (line: string) => process.stderr.write(`${redact(line, secrets)}\n`);
  const log = streamLogger(write, process.env.RUNNER_DEBUG === "1");
  const outputs: [string, string][] = [];
  const code = await executeAction(
    action,
    {
      log,
      getInput: (input) => flags[input] ?? "",
      setSecret: (value) => void secrets.push(value),
      setOutput: (output, value) => void outputs.push([output, value]),
      writeSummary: async (markdown) => {
        write(`\n${markdown}`);
      },
    },
    {
      clock: systemClock,
      env: process.env,
      cwd: process.cwd(),
      makeClient: (token, baseUrl) =>
        createClient({ token, baseUrl, log, timings: timingsFromEnv(process.env) }),
    },
  );
  for (const [output, value] of outputs) process.stdout.write(`${output}=${value}\n`);
  return code;
}

/** The `fleet` command. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${usage}\n`);
    return command === undefined ? 2 : 0;
  }
  const flags = parseFlags(rest);
  if (command === "sim") {
    const { serveSim } = await import("./sim/serve.ts");
    const port = flags.port ?? "0";
    if (!/^\d+$/.test(port) || Number(port) > 65535) {
      throw new Error(`--port: found '${port}', allowed a port number from 0 to 65535`);
    }
    await serveSim({ scenario: flags.scenario, port: Number(port) });
    return 0;
  }
  if (command === "demo") {
    const { runDemo } = await import("./demo/run-demo.ts");
    await runDemo({
      registry: flags.registry ?? "repos.yaml",
      outDir: "demo-out",
      write: (line) => process.stdout.write(`${line}\n`),
    });
    return 0;
  }
  return runActionLocally(command, flags);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`fleet: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
