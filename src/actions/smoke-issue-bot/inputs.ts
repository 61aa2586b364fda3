import { z } from "zod";
import { maxWaitInput } from "../../core/repo-action-inputs.ts";
import { apiUrlInput, input, tokenInput } from "../../core/inputs.ts";

/** The inputs of smoke-issue-bot; mirrors actions/smoke-issue-bot/action.yml. */
export const schema = z.object({
  mode: input.choice(["record", "archival"] as const, { default: "record" }),
  outcomes: input.string(),
  repository: input.repositories({ default: "${{ github.repository }}", required: true }),
  token: tokenInput(),
  "api-url": apiUrlInput(),
  "dry-run": input.boolean({ default: false }),
  threshold: input.integer({ default: 2, min: 1, max: 1000 }),
  label: input.string({ default: "smoke-broken" }),
  title: input.string({ default: "Smoke test failing: {package}" }),
  "archival-days": input.list({ default: "7,14,21" }),
  "archival-label": input.string({ default: "archival-candidate" }),
  "state-branch": input.string({ default: "fleet-smoke-state" }),
  "state-path": input.string({ default: "smoke-state" }),
  "run-url": input.url({
    default: "${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}",
  }),
  "max-issues": input.integer({ default: 20, min: 1, max: 1000 }),
  "min-remaining": input.integer({ default: 100, min: 0, max: 100000 }),
  "max-rate-limit-wait-seconds": maxWaitInput(),
});

/** Parsed inputs. */
export type Inputs = z.infer<typeof schema>;
