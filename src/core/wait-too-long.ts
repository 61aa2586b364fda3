import { RequestError } from "@octokit/request-error";

/** The input that caps a rate-limit wait, named in the error when a wait would be longer. */
export const WAIT_INPUT = "max-rate-limit-wait-seconds";

/**
 * A secondary-limit refusal whose `retry-after` is longer than the client waits: the same
 * refusal (status, response), with the wait asked for and until when, for the error that stops
 * the repository (see classifyError).
 */
export class WaitTooLongError extends RequestError {
  constructor(
    refusal: RequestError,
    /** Seconds GitHub asked to wait. */
    readonly retryAfter: number,
    /** The longest wait the client sits out (seconds). */
    readonly cap: number,
    /** Epoch ms when the wait ends. */
    readonly until: number,
  ) {
    super(refusal.message, refusal.status, {
      request: refusal.request,
      ...(refusal.response ? { response: refusal.response } : {}),
    });
  }
}

/** The refusal as a WaitTooLongError when it is a secondary limit asking for more than `cap`. */
export function waitTooLong(
  error: unknown,
  cap: number,
  now: number,
): WaitTooLongError | undefined {
  if (!(error instanceof RequestError) || error instanceof WaitTooLongError) return undefined;
  if (error.status !== 403 && error.status !== 429) return undefined;
  if (!/\bsecondary rate\b/i.test(error.message)) return undefined;
  const retryAfter = Number(error.response?.headers["retry-after"]);
  if (!Number.isFinite(retryAfter) || retryAfter <= cap) return undefined;
  return new WaitTooLongError(error, retryAfter, cap, now + retryAfter * 1000);
}
