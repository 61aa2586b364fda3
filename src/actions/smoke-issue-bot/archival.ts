import type { ChangeOutcome } from "../../core/apply.ts";
import { StopChanges } from "../../core/apply.ts";
import { ARCHIVED_NOTICE } from "../../core/archived.ts";
import type { FleetClient } from "../../core/client.ts";
import { createOnce } from "../../core/create-once.ts";
import { classifyError, stopsTheRest } from "../../core/errors.ts";
import { hasComment } from "../../core/find-comment.ts";
import type { ChangeWriter, Skip } from "../../core/repo-action.ts";
import type { RepoRef } from "../../core/repository.ts";
import { replaceMarker } from "./marker.ts";
import { milestoneComment, milestoneMark } from "./messages.ts";
import type { MilestoneDecision } from "./plan.ts";
import type { TrackedIssue } from "./tracked-issue.ts";
import { listTrackingIssues } from "./tracking-issues.ts";

/** What archival mode read: the open tracking issues. */
export interface ArchivalSnapshot {
  issues: TrackedIssue[];
  warnings: string[];
}

/**
 * Reads the open tracking issues; an archived repository is skipped. Archival mode reads no
 * state, and the repository's REST read is not paced like a GraphQL one.
 */
export async function readArchival(
  client: FleetClient,
  repo: RepoRef,
  label: string,
): Promise<ArchivalSnapshot | Skip> {
  const { data } = await client.rest.repos.get({ owner: repo.owner, repo: repo.repo });
  if (data.archived) return { skip: ARCHIVED_NOTICE };
  const issues = await listTrackingIssues(client, repo, label);
  return { issues: [...issues.byPackage.values()], warnings: issues.warnings };
}

/** Whether a milestone puts the archival label on an issue that lacks it. */
export const needsLabel = (m: MilestoneDecision, archivalLabel: string) =>
  m.last && !m.issue.labels.some((l) => l.toLowerCase() === archivalLabel.toLowerCase());

/**
 * Posts a tracking issue's due milestone comment, adds the archival label at the last one,
 * and records the milestone in the issue's marker so it is posted once. The comment goes
 * first: if recording it fails, the error says the next run may repeat it, rather than a
 * milestone silently never being posted.
 */
export function archivalWriter(
  client: FleetClient,
  repo: RepoRef,
  settings: { archivalLabel: string; lastDay: number },
): ChangeWriter<MilestoneDecision> & { labelled(): number } {
  let labelled = 0;
  const apply = async (m: MilestoneDecision): Promise<ChangeOutcome> => {
    const issue = { owner: repo.owner, repo: repo.repo, issue_number: m.issue.number };
    let step = "commenting";
    try {
      if (m.comment) {
        const body = milestoneComment(
          m.issue.package,
          m.milestone,
          m.age,
          settings.lastDay,
          settings.archivalLabel,
        );
        // The milestone names the comment: after a lost answer, it says whether it landed.
        await createOnce({
          doing: `commenting on #${m.issue.number}`,
          create: () => client.rest.issues.createComment({ ...issue, body }).then(() => true),
          landed: async () =>
            (await hasComment(client, issue, milestoneMark(m.milestone))) ? true : undefined,
        });
      }
      step = "adding the archival label";
      if (needsLabel(m, settings.archivalLabel)) {
        await client.rest.issues.addLabels({ ...issue, labels: [settings.archivalLabel] });
        labelled += 1;
      }
      step = "recording the milestone in the issue's marker";
      await client.rest.issues.update({
        ...issue,
        body: replaceMarker(m.issue.body, {
          package: m.issue.package,
          milestones: [...m.issue.milestones, ...m.passed, m.milestone],
        }),
      });
      return "done";
    } catch (error) {
      const e = classifyError(error, { doing: `${step} on #${m.issue.number}` });
      const repeat =
        step === "commenting" ? "" : "; the comment was posted and may be repeated on the next run";
      const failure = `${m.issue.package}: ${e.message}${repeat}`;
      if (stopsTheRest(e)) throw new StopChanges(e.message, failure);
      throw e.reworded(failure);
    }
  };
  return { apply, describe: (m) => `#${m.issue.number}`, labelled: () => labelled };
}
