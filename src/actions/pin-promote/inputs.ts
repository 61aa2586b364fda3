import { z } from "zod";
import { input } from "../../core/inputs.ts";

/** What pin-promote does: promote, verify by reading back, or both (the default). */
export const modes = ["promote", "verify", "promote-and-verify"] as const;
export type Mode = (typeof modes)[number];

/** pin-promote's inputs; mirrors actions/pin-promote/action.yml. */
export const schema = z.object({
  mode: input.choice(modes, { default: "promote-and-verify" }),
  "api-url": input.url({ required: true }),
  // A control-plane token, not a GitHub one: no `${{ github.token }}` default.
  token: input.secret({ required: true }),
  template: input.string({ required: true }),
  digest: input.string({ required: true }),
  region: input.string({ default: "global" }),
  environment: input.string(),
  "promote-path": input.string({ default: "/cp/admin/runtime-image/promote" }),
  "pins-path": input.string({ default: "/cp/admin/runtime-image" }),
  "verify-timeout-seconds": input.integer({ default: 60, min: 0, max: 3600 }),
  "verify-interval-seconds": input.integer({ default: 5, min: 1, max: 600 }),
  "dry-run": input.boolean({ default: false }),
});

/** The inputs as the schema parses them. */
export type Inputs = z.infer<typeof schema>;
