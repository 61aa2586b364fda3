import { defineAction } from "../../core/action.ts";
import { defaultTimings } from "../../core/client.ts";
import { confinedFetch } from "../../core/api-root.ts";
import { proxyAwareFetch } from "../../core/proxy-fetch.ts";
import type { RepoResult } from "../../core/report.ts";
import { timingsFromEnv } from "../../core/timings-env.ts";
import { controlPlaneClient } from "./control-plane.ts";
import { schema } from "./inputs.ts";
import { describeUnverified, findPin, judgeReadBack, planPin, type PinKey } from "./plan.ts";
import { pollPin } from "./poll-pin.ts";
import { ControlPlaneError } from "./request.ts";
import { validateInputs } from "./validate.ts";

/** How long one request may take before it counts as a network failure (and is retried). */
const requestTimeoutMs = 30_000;

/**
 * pin-promote: promote an image digest on a control plane, then prove it landed by reading
 * the pin back until it equals the digest. One run is one environment (one control plane).
 */
export const action = defineAction({
  name: "pin-promote",
  title: "pin-promote",
  schema,
  async run(inputs, deps) {
    const req = validateInputs(inputs);
    const timings = { ...defaultTimings, ...timingsFromEnv(deps.env) };
    const client = controlPlaneClient(req, {
      clock: deps.clock,
      log: deps.log,
      retries: timings.retries,
      backoffUnitMs: timings.retryBackoffUnitMs,
      timeoutMs: requestTimeoutMs,
      // The promote and pins paths are checked already; this holds whatever the URL parser
      // makes of them, and any redirect target, to the api-url the token is for.
      fetch: confinedFetch(req.apiUrl, proxyAwareFetch(deps.env)),
    });
    const key: PinKey = { template: req.template, region: req.region };
    const items: { text: string }[] = [];
    const row: RepoResult = {
      repository: req.environment,
      status: "ok",
      planned: 0,
      done: 0,
      left: 0,
      items,
    };
    let previous = "";
    let verified = false;
    try {
      const first = await client.readPins();
      previous = findPin(first, key)?.image_digest ?? "";
      const plan = planPin({
        mode: req.mode,
        dryRun: req.dryRun,
        current: judgeReadBack(first, key, req.digest),
      });
      verified = plan.alreadyPinned;
      if (plan.alreadyPinned)
        row.notice = `${req.template}@${req.region} already reads ${req.digest}; nothing to promote`;
      if (plan.promote) {
        row.planned = 1;
        if (req.dryRun) {
          row.done = 1;
          items.push({ text: `would promote ${req.digest} (dry run: not posted)` });
        } else {
          const status = await client.promote();
          row.done = 1;
          items.push({ text: `promoted: POST ${req.promotePath} answered ${status}` });
        }
      }
      if (plan.poll) {
        const result = await pollPin({
          read: () => client.readPins(),
          first: plan.promote ? undefined : first,
          key,
          digest: req.digest,
          timeoutMs: req.timeoutMs,
          intervalMs: req.intervalMs,
          clock: deps.clock,
        });
        if (result.last.kind !== "match") {
          throw new ControlPlaneError(
            describeUnverified(result.last, { ...key, digest: req.digest, ...result }),
          );
        }
        verified = true;
        items.push({
          text: `verified: read back ${req.digest} after ${result.reads} read${result.reads === 1 ? "" : "s"} (${Math.round(result.waitedMs / 1000)} s)`,
        });
      }
    } catch (error) {
      if (!(error instanceof ControlPlaneError)) throw error;
      row.status = "failed";
      row.error = error.message;
      if (req.mode !== "verify" && !req.dryRun && row.done === 0 && !verified) {
        // Failed before the promotion was made (a failed first read, or the POST itself).
        row.planned = 1;
        row.left = 1;
        row.error += `; ${req.digest} was not promoted`;
      }
    }
    row.counts = {
      template: req.template,
      region: req.region,
      previous: previous || "(none)",
      new: req.digest,
      verified: String(verified),
    };
    return {
      outputs: { "previous-digest": previous, digest: req.digest, verified: String(verified) },
      repos: [row],
      // The row is the environment promoted in, not a repository.
      rowHeader: "environment",
    };
  },
});
