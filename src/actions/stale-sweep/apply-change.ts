import type { ChangeOutcome } from "../../core/apply.ts";
import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import { httpStatus } from "../../core/http-status.ts";
import type { RepoRef } from "../../core/repository.ts";
import { staleSweepMarkers as markers } from "../../core/markers.ts";
import { render } from "./comment-body.ts";
import type { Change } from "./plan.ts";

/** What the writes need from the inputs. */
export interface WriteSettings {
  staleLabel: string;
  daysBeforeClose: number;
  staleMessage: string;
  closeMessage: string;
  closeReason: "not_planned" | "completed";
}

/** How a change is named in messages. */
export function describeChange(change: Change): string {
  const verb = { mark: "marking", unstale: "un-staling", close: "closing" }[change.kind];
  return `${verb} #${change.issue.number}`;
}

/**
 * Makes one planned change: a mark is the label then the stale comment, a close the close
 * comment (unless a failed close already posted it) then the close, an un-stale the label's
 * removal. An error names the step that failed and what had already been done.
 */
export function changeApplier(client: FleetClient, repo: RepoRef, s: WriteSettings) {
  const values = { days: s.daysBeforeClose, label: s.staleLabel };
  const at = (issue_number: number) => ({ owner: repo.owner, repo: repo.repo, issue_number });
  const step = async (doing: string, request: () => Promise<unknown>) => {
    try {
      await request();
    } catch (error) {
      throw classifyError(error, { doing });
    }
  };
  return async (change: Change): Promise<ChangeOutcome> => {
    const n = change.issue.number;
    if (change.kind === "mark") {
      await step(`labelling #${n}`, () =>
        client.rest.issues.addLabels({ ...at(n), labels: [s.staleLabel] }),
      );
      await step(`commenting on #${n} (the '${s.staleLabel}' label is on it already)`, () =>
        client.rest.issues.createComment({
          ...at(n),
          body: render(s.staleMessage, values, markers.stale),
        }),
      );
      return "done";
    }
    if (change.kind === "unstale") {
      try {
        await client.rest.issues.removeLabel({ ...at(n), name: s.staleLabel });
      } catch (error) {
        // Someone took the label off between the read and now: the issue is already un-staled.
        if (httpStatus(error) === 404) return "skipped";
        throw classifyError(error, { doing: `removing '${s.staleLabel}' from #${n}` });
      }
      return "done";
    }
    if (change.comment) {
      await step(`commenting on #${n} before closing it`, () =>
        client.rest.issues.createComment({
          ...at(n),
          body: render(s.closeMessage, values, markers.close),
        }),
      );
    }
    await step(
      `closing #${n}${change.comment ? " (its close comment is posted; the next run closes it without another)" : ""}`,
      () => client.rest.issues.update({ ...at(n), state: "closed", state_reason: s.closeReason }),
    );
    return "done";
  };
}
