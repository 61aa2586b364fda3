import { createHash } from "node:crypto";
import { jsonBytes, RawJson, type RestResult } from "./http.ts";

/** `W/"…"` and `"…"` name the same representation under If-None-Match's weak comparison. */
const opaque = (tag: string) => tag.trim().replace(/^W\//, "");

/** Whether an `If-None-Match` value (a list of entity tags, or `*`) names `etag`. */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const ours = opaque(etag);
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === ours);
}

/**
 * GitHub's conditional GET. A 200 gets a weak `ETag` derived from its body; when the request's
 * `If-None-Match` names that tag the answer becomes `304 Not Modified` with no body (the caller
 * does not charge the primary budget for it). The body is serialized here, once: the hash needs
 * the bytes, and the server sends those same bytes.
 */
export function conditionalGet(result: RestResult, ifNoneMatch: string | undefined): RestResult {
  if (result.status !== 200 || result.body === undefined) return result;
  const bytes = jsonBytes(result.body);
  const etag = `W/"${createHash("sha1").update(bytes).digest("hex")}"`;
  const headers = { ...result.headers, etag };
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etag)) return { status: 304, headers };
  return { status: 200, headers, body: new RawJson(bytes) };
}
