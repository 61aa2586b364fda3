/** What was being done when the control plane refused, for the message. */
export interface RefusalContext {
  method: string;
  url: string;
  /** The input holding the path, named in the 404 hint. */
  pathInput: "promote-path" | "pins-path";
  /** `promote` or `read the pins`, named in the 403 hint. */
  doing: string;
  template: string;
  region: string;
  digest: string;
}

/**
 * The message for an answer that is not success: the status, what it likely means for a
 * control plane (401, 403, 404, 422 each have their own), and the sanitized body.
 */
export function describeRefusal(
  status: number,
  body: string,
  context: RefusalContext,
  location?: string,
): string {
  const head = `${context.method} ${context.url} answered ${status}`;
  const response = body === "" ? "" : `; response: ${body}`;
  switch (status) {
    case 401:
      return `${head} Unauthorized: the control plane did not accept the token (missing, invalid, expired, or one of another environment); check the secret passed as token${response}`;
    case 403:
      return `${head} Forbidden: the token is valid but may not ${context.doing} on this control plane; use a token with that permission${response}`;
    case 404:
      return `${head} Not Found: api-url or ${context.pathInput} does not name an endpoint of this control plane, or it does not know template '${context.template}'${response}`;
    case 422:
      return `${head} Unprocessable: the control plane refused template '${context.template}', region '${context.region}', digest ${context.digest}; it may not know this region or template, or this image${response}`;
  }
  if (status >= 300 && status < 400)
    return `${head} (a redirect${location ? ` to ${location}` : ""}); set api-url to the address that answers directly: redirects are not followed so that the token goes nowhere else${response}`;
  return `${head}, expected ${context.method === "GET" ? "200" : "200 or 201"}${response}`;
}
