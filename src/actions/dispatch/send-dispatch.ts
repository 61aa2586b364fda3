import type { FleetClient } from "../../core/client.ts";
import { isAmbiguous } from "../../core/ambiguous.ts";
import { classifyError } from "../../core/errors.ts";
import { explainRefusal, type Verdict } from "./explain-failure.ts";
import type { Forge, Mode } from "./input-rules.ts";
import type { DispatchRequest } from "./plan.ts";
import { httpStatus } from "../../core/http-status.ts";
import { networkFailure } from "../../core/unreachable.ts";
import { serverMessage } from "./response.ts";

/** How one dispatch ended. */
export type SendOutcome =
  { sent: true; runId?: number; runUrl?: string } | { sent: false; verdict: Verdict };

/** What a refusal is judged with. */
export interface SendContext {
  forge: Forge;
  mode: Mode;
  repository: string;
  workflow?: string;
  /** Whether the repository is known to exist (it was read before); undefined when not read. */
  repoExists?: boolean;
  /** Reads the repository after a 404, to tell a missing repository from a missing workflow. */
  repoExistsNow(): Promise<boolean | undefined>;
}

interface RunDetails {
  workflow_run_id?: unknown;
  html_url?: unknown;
}

/** GitHub Enterprise versions older than `return_run_details` refuse the unknown key with 422. */
const refusesRunDetails = (error: unknown, body: Record<string, unknown>) =>
  httpStatus(error) === 422 &&
  "return_run_details" in body &&
  /return_run_details/.test(serverMessage(error));

async function post(client: FleetClient, request: DispatchRequest, body: Record<string, unknown>) {
  // A dispatch is not idempotent: a retry after a 5xx the server had acted on would start a
  // second run. Failing loud is better than dispatching twice, so this request is never retried.
  return client.request(request.route, { ...request.params, ...body, request: { retries: 0 } });
}

/**
 * Sends one dispatch. A 200 (GitHub with return_run_details, newer Gitea) tells the run; a
 * 204 does not. A refusal becomes a verdict naming its cause; what the status cannot tell
 * (a 404: repository or workflow?) is settled by reading the repository.
 */
export async function sendDispatch(
  client: FleetClient,
  request: DispatchRequest,
  context: SendContext,
): Promise<SendOutcome> {
  let response;
  try {
    try {
      response = await post(client, request, request.body);
    } catch (error) {
      if (!refusesRunDetails(error, request.body)) throw error;
      const { return_run_details: _dropped, ...body } = request.body;
      response = await post(client, request, body);
    }
  } catch (error) {
    const status = httpStatus(error);
    const classified = classifyError(error, {
      doing: request.display,
      repository: context.repository,
    });
    const unsure =
      "; the server may or may not have received it: check the target's runs before rerunning";
    if (classified.kind === "rate-limited")
      return {
        sent: false,
        verdict: { error: `${classified.message}; the dispatch was not sent` },
      };
    // The same test every create passes through (create-once.ts); a dispatch has no marker to
    // read back, so the answer it lost is reported, not checked.
    if (isAmbiguous(error))
      return { sent: false, verdict: { error: `${classified.message}${unsure}` } };
    if (status === undefined) {
      // A connection never made (refused, unknown host, TLS) carried nothing to the server.
      const never = networkFailure(error)?.neverSent === true;
      const said = never ? "; the dispatch was not sent" : unsure;
      return { sent: false, verdict: { error: `${classified.message}${said}` } };
    }
    const repoExists =
      status === 404 && context.repoExists === undefined
        ? await context.repoExistsNow()
        : context.repoExists;
    const verdict = explainRefusal({
      status,
      message: serverMessage(error),
      forge: context.forge,
      mode: context.mode,
      repository: context.repository,
      workflow: context.workflow,
      ref: request.ref,
      repoExists,
    });
    if (verdict) return { sent: false, verdict };
    return {
      sent: false,
      verdict: { error: `${classified.message}${status >= 500 ? unsure : ""}` },
    };
  }
  const details = (response.status === 200 ? response.data : undefined) as RunDetails | undefined;
  const runId = typeof details?.workflow_run_id === "number" ? details.workflow_run_id : undefined;
  const runUrl = typeof details?.html_url === "string" ? details.html_url : undefined;
  return { sent: true, ...(runId !== undefined ? { runId } : {}), ...(runUrl ? { runUrl } : {}) };
}
