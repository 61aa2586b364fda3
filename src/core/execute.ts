import type { ActionDeps, ActionSpec } from "./action.ts";
import { InputError, readInputs, secretInputs, type InputSchema } from "./inputs.ts";
import { scrubbingLogger, type Logger } from "./logger.ts";
import { redact } from "./redact.ts";
import { secretForms } from "./secret-forms.ts";
import { renderSummary, resultJson, type ActionResult, type RepoResult } from "./report.ts";
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
  // Every line the action logs, not only the ones written here: a server's answer quoted in a
  // retry line or a warning may echo a token in an encoding the runner does not mask.
  const log = scrubbingLogger(host.log, scrub);
  let inputs;
  try {
    inputs = readInputs(spec.schema, host.getInput, deps.env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    log.error(`${spec.name}: ${error.message}`);
    return 1;
  }
  for (const name of secretInputs(spec.schema)) {
    const value = (inputs as Record<string, unknown>)[name];
    if (typeof value === "string" && value !== "") {
      secrets.push(value);
      // The runner masks only the strings it is given: every form a server may echo too.
      for (const form of secretForms(value)) host.setSecret(form);
    }
  }
  const dryRun = (inputs as Record<string, unknown>)["dry-run"] === true;
  // Rows kept as repositories complete: what a run that throws late had already done.
  const kept: RepoResult[] = [];
  let result: ActionResult = { outputs: {}, repos: [] };
  let threw = false;
  try {
    result = await spec.run(inputs, { ...deps, log, keep: (row) => void kept.push(row) });
  } catch (error) {
    threw = true;
    result = { outputs: {}, repos: kept };
    const n = kept.length;
    const done =
      n > 0
        ? `; the result output lists the ${n === 1 ? "repository" : `${n} repositories`} gone through before it`
        : "";
    log.error(`${spec.name}: ${error instanceof Error ? error.message : String(error)}${done}`);
  } finally {
    const outputs = { result: resultJson(result.repos), ...result.outputs };
    for (const [name, value] of Object.entries(outputs)) {
      host.setOutput(name, scrub(typeof value === "string" ? value : JSON.stringify(value)));
    }
    for (const r of result.repos) {
      if (r.error) log.error(`${r.repository}: ${r.error}`);
      for (const w of r.warnings ?? []) log.warning(`${r.repository}: ${w}`);
      if (r.notice) log.notice(`${r.repository}: ${r.notice}`);
    }
    await host.writeSummary(scrub(renderSummary(spec.title, result, dryRun, webRoot(deps.env))));
  }
  return threw || result.repos.some((r) => r.status === "failed") ? 1 : 0;
}
