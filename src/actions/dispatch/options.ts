import { InputError } from "../../core/inputs.ts";
import { inputProblems, type Forge, type Mode } from "./input-rules.ts";
import type { Inputs } from "./schema.ts";

/** What to send, the same for every target. */
export type DispatchKind =
  | { mode: "repository"; eventType: string; clientPayload: Record<string, unknown> }
  | {
      mode: "workflow";
      /** File name (`cd.yml`) or, on GitHub, numeric id. */
      workflow: string;
      /** Branch or tag; undefined means each target's default branch. */
      ref: string | undefined;
      inputs: Record<string, unknown>;
    };

/** The options of one run, typed. */
export interface DispatchOptions {
  forge: Forge;
  kind: DispatchKind;
  preflight: boolean;
  dryRun: boolean;
  /** 0: fire and forget. */
  waitTimeoutSeconds: number;
}

/** The typed options from validated inputs. */
export function dispatchOptions(inputs: Inputs): DispatchOptions {
  const problems = inputProblems(inputs);
  // The schema already refused these; reaching here means the schema was bypassed.
  if (problems.length > 0)
    throw new InputError(problems.map((p) => `Input '${p.input}': ${p.message}`).join("\n"));
  const mode = inputs.mode as Mode;
  const kind: DispatchKind =
    mode === "repository"
      ? {
          mode,
          eventType: inputs["event-type"] ?? "",
          clientPayload: inputs["client-payload"] ?? {},
        }
      : {
          mode,
          workflow: (inputs.workflow ?? "").trim(),
          ref: inputs.ref?.trim() || undefined,
          inputs: inputs.inputs ?? {},
        };
  return {
    forge: inputs.forge,
    kind,
    preflight: inputs.preflight,
    dryRun: inputs["dry-run"],
    waitTimeoutSeconds: inputs["wait-timeout-seconds"],
  };
}
