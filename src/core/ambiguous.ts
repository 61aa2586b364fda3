import { httpStatus } from "./http-status.ts";
import { networkFailure } from "./unreachable.ts";
import { CutShortAnswerError } from "./whole-body-fetch.ts";

/** A temporary DNS failure: like a refused connection, the request never reached a server. */
const NEVER_SENT = /\bEAI_AGAIN\b/;

function cutShort(error: unknown): boolean {
  let e = error as { cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 6; depth++) {
    if (e instanceof CutShortAnswerError) return true;
    e = e.cause as { cause?: unknown } | undefined;
  }
  return false;
}

/**
 * Whether a failed write may have been carried out all the same: its answer was cut short,
 * the connection was lost or timed out after the request went out, or the server (or a proxy
 * in front of it) answered 5xx. A refused connection or an unknown host never reached the
 * server, and a 4xx is the server's refusal: those are plain failures.
 */
export function isAmbiguous(error: unknown): boolean {
  if (cutShort(error)) return true;
  const failure = networkFailure(error);
  if (failure) return failure.transient && !NEVER_SENT.test(failure.cause);
  const status = httpStatus(error);
  return status !== undefined && status >= 500;
}
