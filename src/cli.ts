import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { actionFile, actionHelp, actionNames, actionsHelp } from "./cli-help.ts";
import { closest } from "./core/closest.ts";
import { systemClock } from "./core/clock.ts";
import { createClient } from "./core/client.ts";
import type { ActionSpec } from "./core/action.ts";
import { executeAction } from "./core/execute.ts";
import { streamLogger } from "./core/logger.ts";
import { redact } from "./core/redact.ts";
import { timingsFromEnv } from "./core/timings-env.ts";

const usage = `fleet: maintain an organisation's repositories from one control repository

  fleet <action> [--<input> value ...]   run an action here (fleet <action> --help: its inputs), e.g.
      fleet stale-sweep --repositories acme/api --dry-run true
      (token from --token, GITHUB_TOKEN or GH_TOKEN; API from --api-url or GITHUB_API_URL)
  fleet sim [--scenario NAME|FILE] [--port N] [--env-file PATH]
      serve the GitHub simulator until stopped (or until the process that started it ends);
      prints FLEET_SIM_URL and FLEET_SIM_TOKEN, and writes them to PATH once it listens
  fleet demo [--registry repos.yaml]
      every action against the simulator, dry run then for real`;

/** A command line fleet cannot run; `main` prints it and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * `--name value` and `--name=value` pairs for the flags `names` (an action's inputs, or a
 * command's options); a flag without a value is `true`, as in `--dry-run`. A stray argument or
 * a name outside `names` is a UsageError naming it and listing `names`.
 */
export function parseFlags(
  args: readonly string[],
  names: readonly string[],
  what = "input",
): Record<string, string> {
  const read: Read = { names, flags: {}, unknown: [], stray: [] };
  let rest = args;
  while (rest.length > 0) rest = readFlags(rest, read);
  // An unknown flag first: the value after it is stray only because its name is unknown.
  if (read.unknown.length > 0) {
    const hinted = read.unknown.map((flag) => {
      const near = closest(flag.replace(/^-+/, ""), names, 1)[0];
      return near === undefined ? flag : `${flag} (did you mean --${near}?)`;
    });
    throw new UsageError(`unknown ${what} ${hinted.join(", ")}; ${what}s: ${names.join(", ")}`);
  }
  if (read.stray.length > 0)
    throw new UsageError(`unexpected argument '${read.stray[0]}' (${what}s are --name value)`);
  return read.flags;
}

interface Read {
  names: readonly string[];
  flags: Record<string, string>;
  /** Flags not in `names`, as written. */
  unknown: string[];
  /** Arguments that are neither a flag nor a flag's value. */
  stray: string[];
}

/**
 * Reads `args` into `into` and returns the arguments left to read: parseArgs gives a bare
 * flag the next flag as its value, so reading stops there and resumes at that next flag.
 */
function readFlags(args: readonly string[], into: Read): readonly string[] {
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries(into.names.map((name) => [name, { type: "string" }])),
    // Not strict: unknown names and bare flags are reported or read here, in fleet's words.
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === "positional") into.stray.push(token.value);
    if (token.kind !== "option") continue;
    if (!into.names.includes(token.name)) {
      into.unknown.push(token.rawName);
    } else if (token.value === undefined) {
      into.flags[token.name] = "true";
    } else if (!token.inlineValue && token.value.startsWith("--")) {
      into.flags[token.name] = "true";
      return args.slice(token.index + 1);
    } else {
      into.flags[token.name] = token.value;
    }
  }
  return [];
}

const commands = ["sim", "demo", "help"];

/** The action `name`, or undefined after telling the user it is none (with the nearest names). */
async function loadAction(name: string): Promise<ActionSpec | undefined> {
  if (actionNames().includes(name)) {
    return ((await import(actionFile(name))) as { action: ActionSpec }).action;
  }
  const near = closest(name, [...actionNames(), ...commands], 2);
  const hint =
    near.length === 0 ? "" : ` (did you mean ${near.map((n) => `'${n}'`).join(" or ")}?)`;
  process.stderr.write(`fleet: unknown command '${name}'${hint}\n\n${fullUsage()}\n`);
  return undefined;
}

const fullUsage = () => `${usage}\n\n${actionsHelp()}`;

const wantsHelp = (args: readonly string[]) => args.includes("--help") || args.includes("-h");

async function runActionLocally(name: string, args: readonly string[]): Promise<number> {
  const action = await loadAction(name);
  if (action === undefined) return 2;
  if (wantsHelp(args)) {
    process.stdout.write(`${actionHelp(action)}\n`);
    return 0;
  }
  const flags = parseFlags(args, Object.keys(action.schema.shape));
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
      makeClient: (token, baseUrl, limits) =>
        createClient({
          token,
          baseUrl,
          log,
          timings: { ...timingsFromEnv(process.env), ...limits },
        }),
    },
  );
  for (const [output, value] of outputs) process.stdout.write(`${output}=${value}\n`);
  return code;
}

/** The `fleet` command. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "help" && rest[0] !== undefined) return runActionLocally(rest[0], ["--help"]);
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${fullUsage()}\n`);
    return command === undefined ? 2 : 0;
  }
  try {
    return await runCommand(command, rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`fleet ${command}: ${error.message}\n`);
    return 2;
  }
}

async function runCommand(command: string, rest: readonly string[]): Promise<number> {
  if ((command === "sim" || command === "demo") && wantsHelp(rest)) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (command === "sim") {
    const flags = parseFlags(rest, ["scenario", "port", "env-file"], "option");
    const { serveSim } = await import("./sim/serve.ts");
    const port = flags.port ?? "0";
    if (!/^\d+$/.test(port) || Number(port) > 65535) {
      throw new Error(`--port: found '${port}', allowed a port number from 0 to 65535`);
    }
    await serveSim({ scenario: flags.scenario, port: Number(port), envFile: flags["env-file"] });
    return 0;
  }
  if (command === "demo") {
    const flags = parseFlags(rest, ["registry"], "option");
    const { runDemo } = await import("./demo/run-demo.ts");
    await runDemo({
      registry: flags.registry ?? "repos.yaml",
      outDir: "demo-out",
      write: (line) => process.stdout.write(`${line}\n`),
    });
    return 0;
  }
  return runActionLocally(command, rest);
}

/** Runs `fleet` with `argv` and sets the exit code; an unexpected failure is one line on stderr. */
export async function runCli(argv: readonly string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    process.stderr.write(`fleet: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await runCli(process.argv.slice(2));
}
