import { action } from "../../actions/smoke-issue-bot/smoke-issue-bot.ts";
import { createClient } from "../../core/client.ts";
import { manualClock } from "../../core/clock.ts";
import { executeAction } from "../../core/execute.ts";
import { memoryLogger } from "../../core/logger.ts";
import { closeIssue, getRepo, iso, type Sim, type SimRepo } from "../../sim/index.ts";
import type { DemoStep } from "../step.ts";

const OWNER = "acme";
const REPO = "python-sdk";
const DAY = 86_400_000;
const HISTORY_DAYS = 24;
const runUrl = (id: number) => `https://github.com/${OWNER}/${REPO}/actions/runs/${id}`;
/** Today's smoke run; the history's runs count up to it, one a day. */
const TODAY_RUN = 9_000 + HISTORY_DAYS;

/**
 * The integrations python-sdk smoke-tests daily against upstream main, and what each did on
 * day `d` (days ago; 0 is today): a long breakage that reaches the archival label today, a
 * short one that recovered, one a maintainer closed by hand, a flaky one, one breaking now.
 */
function outcome(pkg: string, d: number): string {
  switch (pkg) {
    case "langchain":
      return d <= 22 ? "failure" : "success";
    case "llamaindex":
      return d >= 8 && d <= 10 ? "failure" : "success";
    case "autogen":
      return d >= 5 && d <= 12 ? "failure" : "success";
    case "crewai":
      return d <= 9 ? "failure" : "success";
    case "dspy":
      return d <= 1 ? "failure" : "success";
    case "haystack":
      return d % 5 === 2 ? "failure" : "success";
    case "semantic-kernel":
      return d % 6 === 0 ? "cancelled" : "success";
    default:
      return "success";
  }
}

const packages = [
  "autogen",
  "crewai",
  "dspy",
  "guidance",
  "haystack",
  "langchain",
  "llamaindex",
  "semantic-kernel",
];
const outcomesOf = (d: number) =>
  JSON.stringify(Object.fromEntries(packages.map((p) => [p, outcome(p, d)])));

/**
 * The simulator's clock cannot go back, so a day of history is played at "now" and what it
 * created is then dated to its day: issues, comments and timeline events alike.
 */
function backdate(repo: SimRepo, since: number, to: string): void {
  const fix = (t: string) => (Date.parse(t) >= since ? to : t);
  for (const issue of repo.issues) {
    issue.created_at = fix(issue.created_at);
    issue.updated_at = fix(issue.updated_at);
    if (issue.closed_at) issue.closed_at = fix(issue.closed_at);
    for (const c of issue.comments) c.created_at = c.updated_at = fix(c.created_at);
    for (const e of issue.events) e.created_at = fix(e.created_at);
  }
}

async function runInProcess(sim: Sim, now: number, inputs: Record<string, string>): Promise<void> {
  const log = memoryLogger();
  const all: Record<string, string> = {
    repository: `${OWNER}/${REPO}`,
    token: sim.token,
    "api-url": sim.url,
    ...inputs,
  };
  const code = await executeAction(
    action,
    {
      log,
      getInput: (name) => all[name] ?? "",
      setSecret: () => {},
      setOutput: () => {},
      writeSummary: async () => {},
    },
    {
      clock: manualClock(now),
      env: {},
      cwd: process.cwd(),
      makeClient: (token, baseUrl, limits) =>
        createClient({
          token,
          baseUrl,
          log,
          timings: { pace: null, retryAfterUnitMs: 10, retryBackoffUnitMs: 10, ...limits },
        }),
    },
  );
  if (code !== 0) {
    const errors = log.lines.filter((l) => l.level === "error").map((l) => l.message);
    throw new Error(`smoke-issue-bot demo history failed: ${errors.join("; ")}`);
  }
}

let played: Promise<void> | undefined;

/**
 * Plays 24 days of daily smoke runs (record, then the archival cron) into the simulator, as
 * the bot itself would have recorded them; on day 6 a maintainer closes autogen's issue.
 */
function playHistory(sim: Sim): Promise<void> {
  played ??= (async () => {
    const repo = getRepo(sim.state, OWNER, REPO);
    if (!repo) throw new Error(`smoke-issue-bot demo: ${OWNER}/${REPO} is not in the demo org`);
    const today = sim.clock.now();
    for (let d = HISTORY_DAYS; d >= 1; d--) {
      // Timestamps are whole seconds: what this day creates is dated at or after this second.
      const since = Math.floor(sim.clock.now() / 1000) * 1000;
      const day = today - d * DAY;
      await runInProcess(sim, day, {
        mode: "record",
        outcomes: outcomesOf(d),
        "run-url": runUrl(TODAY_RUN - d),
      });
      await runInProcess(sim, day, { mode: "archival" });
      if (d === 6) {
        const autogen = repo.issues.find(
          (i) => i.title.endsWith(": autogen") && i.state === "open",
        );
        if (autogen)
          closeIssue(sim.state, autogen, "not_planned", "maintainer", iso(sim.clock.now()));
      }
      backdate(repo, since, iso(day));
    }
  })();
  return played;
}

/**
 * smoke-issue-bot, record mode: today's smoke run of python-sdk's integrations after 24 days
 * of history. langchain and crewai get a further-failure comment, dspy fails for the second
 * day running and gets its issue, the rest pass (autogen's count resets; its issue, closed by
 * a maintainer, stays closed).
 */
export const smokeRecordStep: DemoStep = {
  action: "smoke-issue-bot",
  variant: "record",
  filter: `name == '${REPO}'`,
  prepare: playHistory,
  inputs: ({ repositories }) => ({
    mode: "record",
    repository: repositories,
    outcomes: outcomesOf(0),
    "run-url": runUrl(TODAY_RUN),
  }),
};

/**
 * smoke-issue-bot, archival mode (the daily cron) after the same history: langchain's issue,
 * open 21 days, reaches the last milestone and gets the archival-candidate label.
 */
export const smokeArchivalStep: DemoStep = {
  action: "smoke-issue-bot",
  variant: "archival",
  filter: `name == '${REPO}'`,
  prepare: playHistory,
  inputs: ({ repositories }) => ({ mode: "archival", repository: repositories }),
};
