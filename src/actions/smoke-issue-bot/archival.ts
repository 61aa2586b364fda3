import type { FleetClient } from "../../core/client.ts";
import { classifyError, stopsTheRest } from "../../core/errors.ts";
import type { RepoResult } from "../../core/report.ts";
import type { RepoRef } from "../../core/repository.ts";
import type { WebLinks } from "../../core/web-links.ts";
import { replaceMarker } from "./marker.ts";
import { milestoneComment } from "./messages.ts";
import { planArchival, type MilestoneDecision } from "./plan.ts";
import { listTrackingIssues } from "./tracking-issues.ts";

/** Everything archival mode needs, inputs already checked. */
export interface ArchivalOptions {
  client: FleetClient;
  repo: RepoRef;
  now: number;
  dryRun: boolean;
  label: string;
  archivalLabel: string;
  /** Milestones in days, ascending. */
  days: number[];
  minRemaining: number;
  /** Where the summary's issue links point. */
  links: WebLinks;
}

/** Archival mode's row and its `milestones` output (issue numbers). */
export interface ArchivalReport {
  result: RepoResult;
  milestones: number[];
}

/**
 * Posts each open tracking issue's due milestone comment, adds the archival label at the
 * last one, and records the milestone in the issue's marker so it is posted once. The
 * comment goes first: if recording it fails, the error says the next run may repeat it,
 * rather than a milestone silently never being posted.
 */
export async function archival(o: ArchivalOptions): Promise<ArchivalReport> {
  const { client, repo } = o;
  const issues = await listTrackingIssues(client, repo, o.label);
  const due = planArchival([...issues.byPackage.values()], o.days, o.now);
  const lastDay = o.days[o.days.length - 1]!;
  const milestones: number[] = [];
  const items: { text: string; url?: string }[] = [];
  const errors: string[] = [];
  const warnings = [...issues.warnings];
  let labelled = 0;
  let left = 0;
  const describe = (m: MilestoneDecision, verb: string) => {
    const extra = [
      ...(m.passed.length > 0
        ? [`earlier milestone(s) ${m.passed.join(", ")} passed unposted`]
        : []),
      ...(m.comment ? [] : ["locked: no comment"]),
      ...(m.last ? [`labelled ${o.archivalLabel}`] : []),
    ];
    return {
      text: `#${m.issue.number} ${m.issue.package}: open ${m.age} day(s), ${verb} ${m.milestone}-day milestone${extra.length > 0 ? ` (${extra.join("; ")})` : ""}`,
      url: o.links.issue(repo.fullName, m.issue.number),
    };
  };
  for (const [index, m] of due.entries()) {
    const needsLabel =
      m.last && !m.issue.labels.some((l) => l.toLowerCase() === o.archivalLabel.toLowerCase());
    if (o.dryRun) {
      milestones.push(m.issue.number);
      if (needsLabel) labelled += 1;
      items.push(describe(m, "would post the"));
      continue;
    }
    if (!client.budget.allows(o.minRemaining)) {
      left = due.length - index;
      warnings.push(
        `rate-limit floor reached (${client.budget.get()?.remaining} requests left, min-remaining ${o.minRemaining}); ${left} milestone(s) left for the next run`,
      );
      break;
    }
    const at = { owner: repo.owner, repo: repo.repo, issue_number: m.issue.number };
    let step = "commenting";
    try {
      if (m.comment)
        await client.rest.issues.createComment({
          ...at,
          body: milestoneComment(m.issue.package, m.milestone, m.age, lastDay, o.archivalLabel),
        });
      step = "adding the archival label";
      if (needsLabel) {
        await client.rest.issues.addLabels({ ...at, labels: [o.archivalLabel] });
        labelled += 1;
      }
      step = "recording the milestone in the issue's marker";
      await client.rest.issues.update({
        ...at,
        body: replaceMarker(m.issue.body, {
          package: m.issue.package,
          milestones: [...m.issue.milestones, ...m.passed, m.milestone],
        }),
      });
      milestones.push(m.issue.number);
      items.push(describe(m, "posted the"));
    } catch (error) {
      const e = classifyError(error, { doing: `${step} on #${m.issue.number}` });
      const repeat =
        step === "commenting" ? "" : "; the comment was posted and may be repeated on the next run";
      errors.push(`${m.issue.package}: ${e.message}${repeat}`);
      if (stopsTheRest(e)) {
        left = due.length - index - 1;
        errors.push(`stopped: ${left} milestone(s) left for the next run`);
        break;
      }
    }
  }
  const status = errors.length > 0 ? "failed" : left > 0 ? "capped" : "ok";
  return {
    milestones,
    result: {
      repository: repo.fullName,
      status,
      planned: due.length,
      done: milestones.length,
      left,
      counts: { tracked: issues.byPackage.size, milestones: milestones.length, labelled },
      items,
      ...(errors.length > 0 ? { error: errors.join("\n") } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    },
  };
}
