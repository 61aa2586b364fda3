import { z } from "zod";
import { maxWaitInput } from "../../core/repo-action-inputs.ts";
import { input, InputError, tokenInput } from "../../core/inputs.ts";
import { inputProblems, type Forge, type Mode } from "./input-rules.ts";

/**
 * GitHub's limits: repository_dispatch `client_payload` keys and size ("less than 64KB", in
 * GitHub's REST description), workflow_dispatch `inputs`.
 */
const MAX_PAYLOAD_KEYS = 10;
const MAX_PAYLOAD_BYTES = 64 * 1024 - 1;
const MAX_WORKFLOW_INPUTS = 25;
/** The longest a job may run on a GitHub-hosted runner, so the longest wait that makes sense. */
const MAX_WAIT_SECONDS = 21_600;

/** dispatch's inputs; mirrors actions/dispatch/action.yml (a test keeps them equal). */
export const schema = z
  .object({
    repositories: input.repositories(),
    token: tokenInput(),
    "api-url": input.url(),
    forge: input.choice(["github", "gitea"], { default: "github" }),
    // A plain required string, checked below: a choice cannot be both required and without default.
    mode: input.string({ required: true }),
    "event-type": input.string(),
    "client-payload": input.jsonObject({ maxKeys: MAX_PAYLOAD_KEYS, maxBytes: MAX_PAYLOAD_BYTES }),
    workflow: input.string(),
    ref: input.string(),
    inputs: input.jsonObject({ maxKeys: MAX_WORKFLOW_INPUTS }),
    preflight: input.boolean({ default: true }),
    "wait-timeout-seconds": input.integer({ default: 0, min: 0, max: MAX_WAIT_SECONDS }),
    "dry-run": input.boolean({ default: true }),
    "max-rate-limit-wait-seconds": maxWaitInput(),
  })
  // Checked on the object so each field keeps the action.yml facts its builder recorded.
  .superRefine((inputs, ctx) => {
    for (const problem of inputProblems(inputs))
      ctx.addIssue({ code: "custom", path: [problem.input], message: problem.message });
  });

/** The parsed inputs. */
export type Inputs = z.infer<typeof schema>;

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
