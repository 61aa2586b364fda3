import type { ActionDeps } from "./action.ts";
import { applyChanges } from "./apply.ts";
import { dryRunWording } from "./dry-run-wording.ts";
import type { InputSchema } from "./inputs.ts";
import type {
  ChangeOf,
  ChangeWriter,
  RepoActionSpec,
  RepoPlan,
  RepoRun,
  RunContext,
  Skip,
} from "./repo-action.ts";
import { progressReporter } from "./progress.ts";
import { RepoFailure } from "./repo-failure.ts";
import type { RepoResult } from "./report.ts";
import type { RepoRef } from "./repository.ts";

const isSkip = (read: unknown): read is Skip =>
  typeof read === "object" && read !== null && "skip" in read;

/**
 * One repository through the pipeline: read (a skip or a failure ends it there), plan (which
 * may leave the repository alone), what the changes need first, the changes within the cap
 * and the floor (none in a dry run), then the row: the action's counts, lines and error, and
 * core's planned, done, left and status.
 */
export async function runRepository<
  S extends InputSchema,
  C extends RunContext,
  Snapshot,
  P extends RepoPlan<unknown>,
  W extends ChangeWriter<ChangeOf<P>>,
>(
  spec: RepoActionSpec<S, C, Snapshot, P, W>,
  repo: RepoRef,
  context: C,
  deps: Pick<ActionDeps, "clock" | "log">,
): Promise<RepoResult | (RepoRun<P, W> & { row: RepoResult })> {
  const row = { repository: repo.fullName, planned: 0, done: 0, left: 0 };
  let read: Snapshot | Skip;
  try {
    read = await spec.read(repo, context);
  } catch (error) {
    if (!(error instanceof RepoFailure)) throw error;
    const counts = error.counts ? { counts: error.counts } : {};
    const undone = { planned: error.undone, left: error.undone };
    return { ...row, ...undone, status: "failed", ...counts, error: error.message };
  }
  if (isSkip(read)) return { ...row, status: "skipped", notice: read.skip };
  const plan = spec.plan(read, context, repo);
  if (isSkip(plan)) return { ...row, status: "skipped", notice: plan.skip };
  const changes = plan.changes as ChangeOf<P>[];
  const writer = spec.writer(repo, plan, context);
  const before = (await writer.before?.()) ?? {};
  const wording = context.dryRun ? dryRunWording(spec.wording) : spec.wording;
  const report = await applyChanges<ChangeOf<P>>(changes, {
    ...writer,
    cap: context.cap.limit,
    capInput: context.cap.input,
    budget: context.client.budget,
    floor: context.floor,
    ...(context.client.pacer ? { pacer: context.client.pacer } : {}),
    dryRun: context.dryRun,
    ...(context.resource ? { resource: context.resource } : {}),
    ...(wording ? { wording } : {}),
    progress: progressReporter({
      label: repo.fullName,
      counting: context.dryRun ? "changes checked" : "changes done",
      clock: deps.clock,
      log: deps.log,
    }),
  });
  const after = context.dryRun || !writer.after ? {} : await writer.after(report.done);
  if (after.undone && after.undone.length > 0) {
    const undone = new Set(after.undone);
    report.done = report.done.filter((change) => !undone.has(change));
    report.skipped.push(...after.undone);
  }
  const run: RepoRun<P, W> = { repo, plan, writer, report };
  const parts = spec.row(run, context);
  if (parts.skip !== undefined)
    return { ...run, row: { ...row, status: "skipped", notice: parts.skip } };
  // Failed changes wait for the next run as much as those never attempted.
  const left = report.left + report.failed.length + (plan.deferred ?? 0);
  const { error } = parts;
  const warnings = [
    ...(plan.warnings ?? []),
    ...(before.warnings ?? []),
    ...report.warnings,
    ...(after.warnings ?? []),
    ...(parts.warnings ?? []),
  ];
  return {
    ...run,
    row: {
      ...row,
      status: error ? "failed" : left > 0 ? "capped" : "ok",
      planned: changes.length,
      done: report.done.length,
      left,
      ...(parts.counts ? { counts: parts.counts } : {}),
      ...(parts.items && parts.items.length > 0 ? { items: parts.items } : {}),
      ...(error ? { error } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(before.notice ? { notice: before.notice } : {}),
    },
  };
}
