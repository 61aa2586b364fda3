import { defineAction, type ActionDeps } from "../../core/action.ts";
import type { Logger } from "../../core/logger.ts";
import { defineRepoAction, type RunContext } from "../../core/repo-action.ts";
import type { RepoResult } from "../../core/report.ts";
import { archivalWriter, needsLabel, readArchival } from "./archival.ts";
import {
  archivalWording,
  decisionItem,
  deferredWarning,
  errorLines,
  milestoneItem,
  recordWording,
} from "./messages.ts";
import { workspaceRoot } from "../../core/workspace-file.ts";
import { readOutcomes } from "./outcomes.ts";
import { changesSomething, planArchival, planRecord, previewWrites } from "./plan.ts";
import { readRecord, recordWriter, type RecordOptions } from "./record.ts";
import { currentRun } from "./run-ref.ts";
import { schema, type Inputs } from "./inputs.ts";
import { checkSettings, type Settings } from "./settings.ts";

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** What both modes share: the checked settings and where to say what was done. */
interface SmokeContext extends RunContext {
  settings: Settings;
  now: number;
  log: Logger;
}

/** Record mode's context: the options every read and write of the repository takes. */
interface RecordContext extends SmokeContext {
  options(repo: RecordOptions["repo"]): RecordOptions;
  maxIssues: number;
}

/** Archival mode's context. */
interface ArchivalContext extends SmokeContext {
  label: string;
  archivalLabel: string;
}

/** Every item of every row in the log too: a smoke job's log is where people look first. */
function logItems(rows: readonly RepoResult[], log: Logger) {
  for (const r of rows) for (const item of r.items ?? []) log.info(`${r.repository}: ${item.text}`);
}

/** What both modes declare alike. */
const smokeAction = {
  name: "smoke-issue-bot",
  title: "Smoke issue bot",
  schema,
  concurrency: 1,
};

/** The context both modes start from. */
function smokeContext(inputs: Inputs, deps: ActionDeps, base: RunContext): SmokeContext {
  // Everything that can be wrong with the inputs is reported before the first request.
  return { ...base, settings: checkSettings(inputs), now: deps.clock.now(), log: deps.log };
}

/**
 * Record mode: one smoke run's outcomes become tracking issues (opened after `threshold`
 * consecutive failures, commented on while failing, closed on recovery).
 */
const record = defineRepoAction({
  ...smokeAction,
  repositories: (context: RecordContext) => [context.settings.repository],
  setup(inputs, deps, base): RecordContext {
    const smoke = smokeContext(inputs, deps, base);
    const { now, settings } = smoke;
    const outcomes = readOutcomes(inputs.outcomes ?? "", workspaceRoot(deps.env, deps.cwd));
    const run = currentRun(inputs["run-url"], deps.env, isoSeconds(now));
    const options = (repo: RecordOptions["repo"]): RecordOptions => ({
      client: base.client,
      repo,
      outcomes,
      run,
      now,
      threshold: inputs.threshold,
      label: inputs.label,
      title: inputs.title,
      stateBranch: inputs["state-branch"],
      statePath: settings.statePath,
      pause: (attempt) => deps.clock.sleep(Math.floor(Math.random() * 20 * Math.min(attempt, 5))),
    });
    return { ...smoke, options, maxIssues: inputs["max-issues"] };
  },
  read: (repo, context) => readRecord(context.options(repo)),
  plan(snapshot, context) {
    const decisions = planRecord(snapshot.facts, context.maxIssues);
    const deferred = decisions.filter((d) => d.deferred).length;
    return {
      snapshot,
      decisions,
      changes: decisions.filter(changesSomething),
      deferred,
      warnings: [
        ...snapshot.warnings,
        ...(deferred > 0 ? [deferredWarning(context.maxIssues, deferred, context.dryRun)] : []),
      ],
    };
  },
  writer: (repo, plan, context) =>
    recordWriter(context.options(repo), plan.snapshot, (n) =>
      context.links.issue(repo.fullName, n),
    ),
  wording: recordWording,
  dryRunColumns: {
    opened: "would open",
    commented: "would comment",
    closed: "would close",
    written: "would write",
  },
  row({ repo, plan, report, writer }, context) {
    const issueUrl = (n: number) => context.links.issue(repo.fullName, n);
    const noted = plan.decisions.filter((d) => d.notes.length > 0 || changesSomething(d));
    const done = context.dryRun ? previewWrites(plan.decisions) : writer.writes;
    const items = context.dryRun
      ? noted.map((d) => decisionItem(d, true, issueUrl))
      : [
          ...writer.writes.items,
          ...noted.filter((d) => !changesSomething(d)).map((d) => decisionItem(d, false, issueUrl)),
        ];
    return {
      counts: {
        opened: done.opened.length,
        commented: done.commented.length,
        closed: done.closed.length,
        written: done.written,
      },
      items,
      error: errorLines(report),
    };
  },
  finish(runs, rows, context) {
    logItems(rows, context.log);
    const run = [...runs.values()][0];
    const done = !run
      ? previewWrites([])
      : context.dryRun
        ? previewWrites(run.plan.decisions)
        : run.writer.writes;
    return {
      outputs: {
        opened: done.opened,
        commented: done.commented,
        closed: done.closed,
        milestones: [],
      },
    };
  },
});

/** Archival mode: walks the open tracking issues through the archival timeline. */
const archival = defineRepoAction({
  ...smokeAction,
  repositories: (context: ArchivalContext) => [context.settings.repository],
  setup(inputs, deps, base): ArchivalContext {
    return {
      ...smokeContext(inputs, deps, base),
      label: inputs.label,
      archivalLabel: inputs["archival-label"],
    };
  },
  read: (repo, context) => readArchival(context.client, repo, context.label),
  plan: (snapshot, context) => ({
    tracked: snapshot.issues.length,
    changes: planArchival(snapshot.issues, context.settings.archivalDays, context.now),
    warnings: snapshot.warnings,
  }),
  writer: (repo, _plan, context) =>
    archivalWriter(context.client, repo, {
      archivalLabel: context.archivalLabel,
      lastDay: context.settings.archivalDays[context.settings.archivalDays.length - 1]!,
    }),
  wording: archivalWording,
  dryRunColumns: { milestones: "would post", labelled: "would label" },
  row({ repo, plan, report, writer }, context) {
    const verb = context.dryRun ? "would post the" : "posted the";
    const labelled = context.dryRun
      ? report.done.filter((m) => needsLabel(m, context.archivalLabel)).length
      : writer.labelled();
    return {
      counts: { tracked: plan.tracked, milestones: report.done.length, labelled },
      items: report.done.map((m) =>
        milestoneItem(
          m,
          verb,
          context.archivalLabel,
          context.links.issue(repo.fullName, m.issue.number),
        ),
      ),
      error: errorLines(report),
    };
  },
  finish(runs, rows, context) {
    logItems(rows, context.log);
    const done = [...runs.values()].flatMap((r) => r.report.done.map((m) => m.issue.number));
    return { outputs: { opened: [], commented: [], closed: [], milestones: done } };
  },
});

/**
 * smoke-issue-bot: record mode turns one smoke run's outcomes into tracking issues; archival
 * mode walks the open ones through the archival timeline.
 */
export const action = defineAction({
  name: smokeAction.name,
  title: smokeAction.title,
  schema,
  run: (inputs, deps) => (inputs.mode === "record" ? record : archival).run(inputs, deps),
});
