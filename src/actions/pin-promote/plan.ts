import type { Mode } from "./inputs.ts";

/** One runtime-image pin as the control plane lists it. */
export interface Pin {
  template_name: string;
  region: string;
  image_digest: string;
}

/** Which pin: a template in a region. */
export interface PinKey {
  template: string;
  region: string;
}

/** What a read-back says about the pin we want. */
export type ReadBack =
  { kind: "match" } | { kind: "mismatch"; actual: string } | { kind: "missing"; present: string[] };

/** Compares the listed pins with the digest wanted for `key`. */
export function judgeReadBack(pins: readonly Pin[], key: PinKey, digest: string): ReadBack {
  const row = findPin(pins, key);
  if (row === undefined)
    return {
      kind: "missing",
      present: pins.map((p) => `${p.template_name}@${p.region}`),
    };
  return row.image_digest === digest
    ? { kind: "match" }
    : { kind: "mismatch", actual: row.image_digest };
}

/** The pin of `key`, if the listing has it. */
export function findPin(pins: readonly Pin[], key: PinKey): Pin | undefined {
  return pins.find((p) => p.template_name === key.template && p.region === key.region);
}

/** What the run will do, decided from the inputs and the pin as first read. */
export interface PinPlan {
  /** POST the promotion (in a dry run: it would be posted, and is not). */
  promote: boolean;
  /** Poll the listing until the pin equals the digest or the deadline passes. */
  poll: boolean;
  /** Whether the first read already proves the pin equals the digest. */
  alreadyPinned: boolean;
}

/**
 * Decides the run. A pin that already reads as the digest is not promoted again (a rerun
 * makes no request that changes anything) and needs no polling. A dry run never polls after
 * a promotion it did not make, but `verify` mode only reads, so it polls in a dry run too.
 */
export function planPin(options: { mode: Mode; dryRun: boolean; current: ReadBack }): PinPlan {
  const alreadyPinned = options.current.kind === "match";
  if (options.mode === "verify") return { promote: false, poll: !alreadyPinned, alreadyPinned };
  return {
    promote: !alreadyPinned,
    poll: options.mode === "promote-and-verify" && !alreadyPinned && !options.dryRun,
    alreadyPinned,
  };
}

/** Why verification failed at the deadline, with expected and actual. */
export function describeUnverified(
  last: Exclude<ReadBack, { kind: "match" }>,
  options: PinKey & { digest: string; reads: number; waitedMs: number },
): string {
  const after = `after ${options.reads} read${options.reads === 1 ? "" : "s"} over ${Math.round(options.waitedMs / 1000)} s`;
  if (last.kind === "mismatch")
    return `pin ${options.template}@${options.region} does not read back as the promoted digest ${after}: expected ${options.digest}, actual ${last.actual}`;
  const shown = last.present.slice(0, 10).join(", ");
  const more = last.present.length > 10 ? ` and ${last.present.length - 10} more` : "";
  const present = last.present.length > 0 ? `${shown}${more}` : "none";
  return `no pin for template '${options.template}' in region '${options.region}' ${after} (pins present: ${present}); expected ${options.digest}`;
}
