import type { FaultAction } from "./faults.ts";

/** A way a write's answer can go wrong, for a test matrix. */
export interface WriteFault {
  what: string;
  then: FaultAction;
  /** Once (the first matching request), or on every try when absent. */
  times?: number;
}

/**
 * Every way a write's answer can go wrong that exactly-once must survive: the server acted and
 * the answer was lost, cut short or replaced by a 5xx, or the server never acted (5xx on every
 * try).
 */
export const WRITE_FAULTS: readonly WriteFault[] = [
  { what: "lost answer", then: { lostAnswer: true }, times: 1 },
  { what: "cut-short answer", then: { truncate: true }, times: 1 },
  { what: "5xx after the write", then: { appliedThenStatus: 502 }, times: 1 },
  { what: "5xx on every try", then: { status: 502, body: { message: "Server Error" } } },
];
