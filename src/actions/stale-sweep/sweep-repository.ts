import { RequestError } from "@octokit/request-error";
import { applyChanges } from "../../core/apply.ts";
import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import type { RepoResult } from "../../core/report.ts";
import type { RepoRef } from "../../core/repository.ts";
import { changeApplier, describeChange, type WriteSettings } from "./apply-change.ts";
import { capPlan, planSweep, type Change, type SweepRules } from "./plan.ts";
import { readRepository } from "./read-repo.ts";

/** How one repository's sweep is run. */
export interface SweepSettings {
  rules: SweepRules;
  write: WriteSettings;
  dryRun: boolean;
  maxOperations: number;
  minRemaining: number;
  /** The moment idleness is measured from (epoch ms). */
  now: number;
}

/** One repository's sweep: its row, and the changes made (or, in a dry run, that would be). */
export interface RepoSweep {
  result: RepoResult;
  done: Change[];
}

const LABEL_COLOR = "ededed";
const LABEL_DESCRIPTION = "No activity for a while; closed by the stale sweep unless someone acts";
/** Failures spelled out in the error line; the rest are counted. */
const SHOWN_FAILURES = 5;

/** Whether a 422's body says the thing to create exists already. */
const alreadyExists = (data: unknown) =>
  (data as { errors?: { code?: string }[] } | undefined)?.errors?.some(
    (x) => x.code === "already_exists",
  ) === true;

async function createLabel(client: FleetClient, repo: RepoRef, name: string) {
  try {
    await client.rest.issues.createLabel({
      owner: repo.owner,
      repo: repo.repo,
      name,
      color: LABEL_COLOR,
      description: LABEL_DESCRIPTION,
    });
    return `created the missing label '${name}'`;
  } catch (error) {
    // Someone created it since the read: what was wanted is there.
    if (
      error instanceof RequestError &&
      error.status === 422 &&
      alreadyExists(error.response?.data)
    )
      return undefined;
    throw classifyError(error, { doing: `creating the label '${name}'` });
  }
}

const count = (changes: readonly Change[], kind: Change["kind"]) =>
  changes.filter((c) => c.kind === kind).length;

/**
 * Sweeps one repository: read, plan, cut the plan to `max-operations`, then (unless a dry
 * run) make the changes within the rate-limit floor. A change that fails is reported and the
 * others go on; the repository then fails so that the job does.
 */
export async function sweepRepository(
  client: FleetClient,
  repo: RepoRef,
  s: SweepSettings,
): Promise<RepoSweep> {
  const read = await readRepository(client, repo, s.rules, s.now);
  if ("skip" in read) {
    return {
      result: {
        repository: repo.fullName,
        status: "skipped",
        planned: 0,
        done: 0,
        left: 0,
        notice: read.skip,
      },
      done: [],
    };
  }
  const plan = planSweep(read.snapshot, s.rules, s.now);
  const capped = capPlan(plan, s.maxOperations);
  const warnings: string[] = [];
  if (capped.left.length > 0) {
    warnings.push(
      `reached max-operations (${s.maxOperations}); ${capped.left.length} issues left for the next run`,
    );
  }
  if (plan.undated.length > 0) {
    warnings.push(
      `${plan.undated.length} issues carry '${s.rules.staleLabel}' but their timeline never shows it being added, so the mark cannot be dated; left alone: ${plan.undated.map((i) => `#${i.number}`).join(", ")}`,
    );
  }
  let notice: string | undefined;
  let done: Change[] = capped.kept;
  let skipped = 0;
  let error: string | undefined;
  if (s.dryRun) {
    if (capped.createLabel) notice = `would create the missing label '${s.rules.staleLabel}'`;
  } else {
    if (capped.createLabel && client.budget.allows(s.minRemaining)) {
      try {
        notice = await createLabel(client, repo, s.rules.staleLabel);
      } catch (e) {
        warnings.push(
          `${(e as Error).message}; GitHub creates it with its default colour when the first issue is labelled`,
        );
      }
    }
    const report = await applyChanges(capped.kept, {
      cap: Infinity,
      capInput: "max-operations",
      budget: client.budget,
      floor: s.minRemaining,
      apply: changeApplier(client, repo, s.write),
      describe: describeChange,
    });
    done = report.done;
    skipped = report.skipped.length;
    warnings.push(...report.warnings);
    const problems: string[] = [];
    if (report.stoppedBy) problems.push(`stopped: ${report.stoppedBy}`);
    if (report.failed.length > 0) {
      const shown = report.failed.slice(0, SHOWN_FAILURES).map((f) => f.error);
      const more = report.failed.length - shown.length;
      problems.push(
        `${report.failed.length} changes failed: ${shown.join("; ")}${more > 0 ? `; and ${more} more` : ""}`,
      );
    }
    if (problems.length > 0) error = problems.join("; ");
  }
  const left = plan.changes.length - done.length - skipped;
  return {
    result: {
      repository: repo.fullName,
      status: error ? "failed" : left > 0 ? "capped" : "ok",
      planned: plan.changes.length,
      done: done.length,
      left,
      counts: {
        marked: count(done, "mark"),
        unstaled: count(done, "unstale"),
        closed: count(done, "close"),
      },
      ...(error ? { error } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(notice ? { notice } : {}),
    },
    done,
  };
}
