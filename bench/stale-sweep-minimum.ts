import type { SimIssue, SimRepo, SimState } from "../src/sim/state.ts";

const DAY = 86_400_000;
const PER_PAGE = 100;

/** The rules the bench sweeps with (the action's defaults). */
export interface BenchRules {
  daysBeforeStale: number;
  daysBeforeClose: number;
  staleLabel: string;
  exemptLabels: readonly string[];
}

/** What a sweep of the scenario must do, worked out from the state itself. */
export interface SweepWork {
  marks: number;
  unstales: number;
  closes: number;
  /** Repositories whose stale label must be created. */
  labels: number;
  /** Mutating requests: 2 a mark, 1 an un-stale, 2 a close, 1 a label. */
  writes: number;
  /** Reads no strategy can skip: each repository, the pages holding every candidate, each timeline. */
  reads: number;
  /** reads + writes. */
  minimum: number;
}

const pages = (n: number) => Math.max(1, Math.ceil(n / PER_PAGE));
const has = (issue: SimIssue, label: string) =>
  issue.labels.some((l) => l.toLowerCase() === label.toLowerCase());

/** Whether a marked issue saw activity by anyone but its marker since the last mark. */
function touchedSinceMark(issue: SimIssue, label: string): { marked: number; touched: boolean } {
  const at = issue.events.findLastIndex(
    (e) => e.event === "labeled" && e.label?.toLowerCase() === label.toLowerCase(),
  );
  const mark = issue.events[at]!;
  const touched = issue.events.slice(at + 1).some((e) => e.actor !== mark.actor);
  return { marked: Date.parse(mark.created_at), touched };
}

function repoWork(repo: SimRepo, rules: BenchRules, now: number) {
  const open = repo.issues.filter((i) => i.state === "open");
  const exempt = (i: SimIssue) => rules.exemptLabels.some((l) => has(i, l));
  const stale = open.filter((i) => has(i, rules.staleLabel));
  const cutoff = now - rules.daysBeforeStale * DAY;
  const idle = open.filter((i) => Date.parse(i.updated_at) <= cutoff);
  const w = { marks: 0, unstales: 0, closes: 0, labels: 0, reads: 1 + pages(stale.length) };
  w.reads += pages(idle.length);
  for (const issue of stale) {
    if (issue.is_pull_request || exempt(issue)) continue;
    w.reads += pages(issue.events.length);
    const { marked, touched } = touchedSinceMark(issue, rules.staleLabel);
    if (touched) w.unstales += 1;
    else if (now - marked >= rules.daysBeforeClose * DAY) w.closes += 1;
  }
  w.marks = idle.filter(
    (i) => !i.is_pull_request && !exempt(i) && !has(i, rules.staleLabel),
  ).length;
  const labelExists = repo.labels.some(
    (l) => l.name.toLowerCase() === rules.staleLabel.toLowerCase(),
  );
  if (w.marks > 0 && !labelExists) {
    w.labels = 1;
    if (stale.length === 0) w.reads += pages(repo.labels.length);
  }
  return w;
}

/**
 * The work a sweep of `state` at `now` needs and the fewest requests it can take, from the
 * scenario's issues and timelines alone (not from the action's plan): one read of each
 * repository (archived ones are only read), the fewest list pages that hold every stale-labeled
 * issue and every issue idle past the cutoff, one timeline page per 100 events of each
 * stale-labeled issue that may be closed or un-staled, and one request per write.
 */
export function sweepWork(state: SimState, rules: BenchRules, now: number): SweepWork {
  const total = { marks: 0, unstales: 0, closes: 0, labels: 0, reads: 0 };
  for (const repo of state.repos.values()) {
    if (repo.archived) {
      total.reads += 1;
      continue;
    }
    const w = repoWork(repo, rules, now);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += w[k];
  }
  const writes = total.marks * 2 + total.unstales + total.closes * 2 + total.labels;
  return { ...total, writes, minimum: total.reads + writes };
}
