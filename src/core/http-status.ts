import { RequestError } from "@octokit/request-error";
import { ApiError } from "./errors.ts";

/**
 * The HTTP status a failed request was answered with: Octokit throws a RequestError for every
 * HTTP answer it treats as a failure, and ApiError keeps the status it classified. Anything
 * else (a reset connection, a bug) got no answer: undefined.
 */
export function httpStatus(error: unknown): number | undefined {
  if (error instanceof RequestError || error instanceof ApiError) return error.status;
  return undefined;
}
