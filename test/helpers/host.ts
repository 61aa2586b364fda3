import type { ActionDeps, ActionSpec } from "../../src/core/action.ts";
import { executeAction, type ActionHost } from "../../src/core/execute.ts";
import type { InputSchema } from "../../src/core/inputs.ts";
import { memoryLogger } from "../../src/core/logger.ts";

/** A logger that keeps every line. */
export type MemoryLogger = ReturnType<typeof memoryLogger>;

/**
 * A runner in memory: inputs given as the raw strings of `INPUT_*`, and everything the action
 * writes kept (outputs, each summary, the values it masks, its log lines).
 */
export function memoryHost(inputs: Record<string, string>, log: MemoryLogger = memoryLogger()) {
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  const masked: string[] = [];
  const host: ActionHost = {
    log,
    getInput: (name) => inputs[name] ?? "",
    setSecret: (value) => void masked.push(value),
    setOutput: (name, value) => void (outputs[name] = value),
    writeSummary: async (markdown) => void summaries.push(markdown),
  };
  return { host, log, outputs, summaries, masked };
}

/** What an action run in memory left: its exit code, outputs, summary and log. */
export interface MemoryRun {
  code: number;
  outputs: Record<string, string>;
  /** The job summary: every write, joined. */
  summary: string;
  masked: string[];
  log: MemoryLogger;
  errors: string[];
  warnings: string[];
  notices: string[];
}

/**
 * Runs an action through the shared glue as a runner would, keeping all it writes. The log is
 * a new one unless given: pass the client's (`testDeps().log`) to see both in one.
 */
export async function runInMemory<S extends InputSchema>(
  action: ActionSpec<S>,
  inputs: Record<string, string>,
  deps: Omit<ActionDeps, "log">,
  log?: MemoryLogger,
): Promise<MemoryRun> {
  const t = memoryHost(inputs, log);
  const code = await executeAction(action, t.host, deps);
  const messages = (level: string) =>
    t.log.lines.filter((l) => l.level === level).map((l) => l.message);
  return {
    code,
    outputs: t.outputs,
    summary: t.summaries.join("\n"),
    masked: t.masked,
    log: t.log,
    errors: messages("error"),
    warnings: messages("warning"),
    notices: messages("notice"),
  };
}
