/**
 * Where GitHub answers differently from its own REST description, and the simulator follows
 * GitHub. Each entry says why, with a source; the conformance test fails on any other
 * difference.
 */
export interface Allowance {
  /** `METHOD /pattern` as the simulator routes it, or `*` for every operation. */
  operation: string;
  status?: number;
  part: "request" | "status" | "response";
  /** Where the difference is (`query.per_page`, `/0/actor`). */
  at?: RegExp;
  message?: RegExp;
  /** The answer's body, for entries that hold for one kind of answer only. */
  body?: (body: unknown) => boolean;
  why: string;
  source: string;
}

const messageIs = (pattern: RegExp) => (body: unknown) =>
  typeof body === "object" &&
  body !== null &&
  pattern.test(String((body as { message?: unknown }).message));

const DOCS = "https://docs.github.com/rest";

/** The allowed differences. */
export const ALLOWED: readonly Allowance[] = [
  {
    operation: "*",
    status: 401,
    part: "status",
    why: "Any operation answers 401 to a missing or bad token; most leave it undocumented.",
    source: `${DOCS}/using-the-rest-api/troubleshooting-the-rest-api ("Bad credentials", "Requires authentication")`,
  },
  {
    operation: "*",
    status: 403,
    part: "status",
    body: messageIs(
      /^(Resource not accessible by (integration|personal access token)|Repository was archived so is read-only\.|API rate limit exceeded|You have exceeded a secondary rate limit)/,
    ),
    why: "Any operation answers 403 for a permission the token lacks, an archived repository or a spent rate limit.",
    source: `${DOCS}/using-the-rest-api/troubleshooting-the-rest-api ("403 Forbidden or 429 Too Many Requests" for rate limits)`,
  },
  {
    operation: "*",
    status: 429,
    part: "status",
    body: messageIs(/^You have exceeded a secondary rate limit/),
    why: "Any operation may answer a secondary-limit refusal with 429 instead of 403.",
    source: `${DOCS}/using-the-rest-api/rate-limits-for-the-rest-api ("you will receive a 403 or 429 response")`,
  },
  {
    operation: "*",
    status: 404,
    part: "status",
    why: "Any operation answers 404 for what the token cannot see or what is gone, documented or not.",
    source: `${DOCS}/using-the-rest-api/troubleshooting-the-rest-api ("404 Not Found for an existing resource")`,
  },
  {
    operation: "*",
    status: 304,
    part: "status",
    why: "Any GET answers 304 to a conditional request whose ETag still matches.",
    source: `${DOCS}/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate`,
  },
  {
    operation: "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
    status: 422,
    part: "status",
    why: "A dispatch of a workflow without that trigger, of a bad ref or with bad inputs is refused with 422.",
    source:
      "GitHub's 422 \"Workflow does not have 'workflow_dispatch' trigger\" as clients report it, e.g. benc-uk/workflow-dispatch#81",
  },
  {
    operation: "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}",
    part: "status",
    message: /^(403|409) is not documented/,
    body: messageIs(/^Cannot delete a workflow run that is not completed$/),
    why: "Only 204 is documented; a run not completed is refused with 409 or 403 and this message.",
    source:
      "REST reference, 'Delete a workflow run' (204 only); clients skip such runs, e.g. Mattraks/delete-workflow-runs#1",
  },
  {
    operation: "GET /repos/{owner}/{repo}/actions/runs",
    part: "request",
    at: /^query\.created$/,
    message: /format "date-time"/,
    why: "`created` takes a date range (`>=2026-01-01`, `a..b`), as its own description says, not one date-time.",
    source: `${DOCS}/actions/workflow-runs#list-workflow-runs-for-a-repository (parameter created)`,
  },
  {
    operation: "*",
    part: "response",
    at: /\/(author|committer)\/email$/,
    message: /format "email"/,
    why: "A bot's noreply address has brackets (`41898282+github-actions[bot]@users.noreply.github.com`), which the email format refuses.",
    source: "actions/checkout README, 'Push a commit using the built-in token'",
  },
  {
    operation: "PUT /repos/{owner}/{repo}/contents/{path+}",
    status: 409,
    part: "response",
    message: /must match exactly one schema in oneOf/,
    why: "The 409 is a oneOf of basic-error and repository-rule-violation-error, and a plain error matches both.",
    source:
      "@octokit/openapi api.github.com.json, repos/create-or-update-file-contents responses.409",
  },
];
