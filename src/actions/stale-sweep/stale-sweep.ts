import { defineRepoAction, type RunContext } from "../../core/repo-action.ts";
import { readRepository, sweepWriter, type WriteSettings } from "./github.ts";
import { schema } from "./inputs.ts";
import { changesSummary, errorLine, undatedWarning, wording } from "./messages.ts";
import { planSweep, type Change, type SweepRules } from "./plan.ts";

/**
 * Repositories swept at once. Their reads overlap; their writes still go one at a time
 * through the client's write queue, as GitHub asks.
 */
const CONCURRENCY = 4;

/** What every repository's sweep shares. */
interface SweepContext extends RunContext {
  rules: SweepRules;
  write: WriteSettings;
  /** The moment idleness is measured from (epoch ms). */
  now: number;
}

const count = (changes: readonly Change[], kind: Change["kind"]) =>
  changes.filter((change) => change.kind === kind).length;

/** stale-sweep: mark inactive issues, un-stale those touched since, close those left alone. */
export const action = defineRepoAction({
  name: "stale-sweep",
  title: "Stale sweep",
  schema,
  concurrency: CONCURRENCY,
  capInput: "max-operations",
  setup(inputs, deps, base): SweepContext {
    return {
      ...base,
      rules: {
        daysBeforeStale: inputs["days-before-stale"],
        daysBeforeClose: inputs["days-before-close"],
        staleLabel: inputs["stale-label"],
        exemptLabels: inputs["exempt-labels"],
      },
      write: {
        staleLabel: inputs["stale-label"],
        daysBeforeClose: inputs["days-before-close"],
        staleMessage: inputs["stale-message"],
        closeMessage: inputs["close-message"],
        closeReason: inputs["close-reason"],
      },
      now: deps.clock.now(),
    };
  },
  read: (repo, context) => readRepository(context.client, repo, context.rules, context.now),
  plan(snapshot, context) {
    const plan = planSweep(snapshot, context.rules, context.now);
    const undated =
      plan.undated.length > 0 ? [undatedWarning(plan.undated, context.rules.staleLabel)] : [];
    return { ...plan, warnings: undated };
  },
  writer: (repo, plan, context) => sweepWriter(repo, plan, context.write, context),
  wording,
  dryRunColumns: { marked: "would mark", unstaled: "would un-stale", closed: "would close" },
  row: ({ report }) => ({
    counts: {
      marked: count(report.done, "mark"),
      unstaled: count(report.done, "unstale"),
      closed: count(report.done, "close"),
    },
    error: errorLine(report),
  }),
  finish(runs, _rows, context) {
    const changes = [...runs.values()].map((r) => ({
      repository: r.repo.fullName,
      done: r.report.done,
    }));
    const refs = (kind: Change["kind"]) =>
      changes.flatMap((r) =>
        r.done.filter((x) => x.kind === kind).map((x) => `${r.repository}#${x.issue.number}`),
      );
    return {
      outputs: { marked: refs("mark"), unstaled: refs("unstale"), closed: refs("close") },
      summary: changesSummary(changes, context.dryRun, context.links),
    };
  },
});
