/** What a failed Octokit request carries that the dispatch code reads. */
interface FailedRequest {
  message?: unknown;
  response?: { data?: unknown };
}

/** The server's own words: the body's `message`, a text body, or the error's message. */
export function serverMessage(error: unknown): string {
  const e = (error ?? {}) as FailedRequest;
  const data = e.response?.data;
  if (typeof data === "string" && data.trim() !== "") return data.trim();
  const message = (data as { message?: unknown } | undefined)?.message;
  if (typeof message === "string") return message;
  return typeof e.message === "string" ? e.message : String(error);
}
