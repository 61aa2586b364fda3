import type { ActionDeps, ActionSpec } from "./action.ts";
import { InputError, readInputs, secretInputs, type InputSchema } from "./inputs.ts";
import type { Logger } from "./logger.ts";
import { redact } from "./redact.ts";
import { renderSummary, resultJson, type ActionResult } from "./report.ts";
import { webRoot } from "./web-links.ts";

/** Where an action's effects go: the Actions runner, or a terminal for the CLI. */
export interface ActionHost {
  log: Logger;
  getInput(name: string): string;
  setSecret(value: string): void;
  setOutput(name: string, value: string): void;
  writeSummary(markdown: string): Promise<void>;
}

/**
 * The glue every action shares: read and validate inputs, mask secrets, run, then (always)
 * write outputs, annotations and the job summary. Returns the exit code: 1 when the inputs
 * were invalid, the run threw, or any repository failed.
 */
export async function executeAction<S extends InputSchema>(
  spec: ActionSpec<S>,
  host: ActionHost,
  deps: Omit<ActionDeps, "log">,
): Promise<number> {
  const secrets: string[] = [];
  const scrub = (text: string) => redact(text, secrets);
  let inputs;
  try {
    inputs = readInputs(spec.schema, host.getInput, deps.env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    host.log.error(`${spec.name}: ${error.message}`);
    return 1;
  }
  for (const name of secretInputs(spec.schema)) {
    const value = (inputs as Record<string, unknown>)[name];
    if (typeof value === "string" && value !== "") {
      secrets.push(value);
      host.setSecret(value);
    }
  }
  const dryRun = (inputs as Record<string, unknown>)["dry-run"] === true;
  let result: ActionResult = { outputs: {}, repos: [] };
  let threw = false;
  try {
    result = await spec.run(inputs, { ...deps, log: host.log });
  } catch (error) {
    threw = true;
    host.log.error(
      scrub(`${spec.name}: ${error instanceof Error ? error.message : String(error)}`),
    );
  } finally {
    const outputs = { result: resultJson(result.repos), ...result.outputs };
    for (const [name, value] of Object.entries(outputs)) {
      host.setOutput(name, scrub(typeof value === "string" ? value : JSON.stringify(value)));
    }
    for (const r of result.repos) {
      if (r.error) host.log.error(scrub(`${r.repository}: ${r.error}`));
      for (const w of r.warnings ?? []) host.log.warning(scrub(`${r.repository}: ${w}`));
      if (r.notice) host.log.notice(scrub(`${r.repository}: ${r.notice}`));
    }
    await host.writeSummary(scrub(renderSummary(spec.title, result, dryRun, webRoot(deps.env))));
  }
  return threw || result.repos.some((r) => r.status === "failed") ? 1 : 0;
}
