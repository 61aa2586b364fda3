import type { Pin } from "./plan.ts";

/** Two valid image digests: the one pinned now, and the one to promote. */
export const A = `sha256:${"a".repeat(64)}`;
export const B = `sha256:${"b".repeat(64)}`;

/** The template and region the tests promote. */
export const key = { template: "runtime", region: "global" };

/** A pin row as the control plane lists it; `runtime` in `global` unless told. */
export const pin = (image_digest: string, template_name = "runtime", region = "global"): Pin => ({
  template_name,
  region,
  image_digest,
});
