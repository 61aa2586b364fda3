import { addRepo, addRun, addToken, addWorkflow, createState, iso } from "../../sim/index.ts";

/** The moment the fixture describes. */
export const NOW = Date.parse("2026-06-01T00:00:00Z");
export const MIN = 60_000;

/**
 * acme/app: CI (live) with 6 runs alternating skipped/success, Bot (live) with 2 skipped and one
 * in progress, and Old (deleted) with 3 runs of mixed conclusions; every run a minute apart.
 */
export function fixture(o: { hourlyLimit?: number } = {}) {
  const state = createState({ now: NOW });
  addToken(state, { token: "admin-token", login: "fleet-bot", hourlyLimit: o.hourlyLimit ?? 5000 });
  const repo = addRepo(state, { owner: "acme", name: "app", created_at: iso(NOW - 900 * MIN) });
  const at = (minutesAgo: number) => iso(NOW - minutesAgo * MIN);
  const ci = addWorkflow(state, repo, { name: "CI", file: "ci.yml", created_at: at(800) });
  const bot = addWorkflow(state, repo, { name: "Bot", file: "bot.yml", created_at: at(800) });
  const old = addWorkflow(state, repo, {
    name: "Old",
    file: "old.yml",
    state: "deleted",
    created_at: at(800),
  });
  let minutesAgo = 100;
  const add = (workflow: typeof ci, conclusion: "skipped" | "success" | "failure" | null) =>
    addRun(state, repo, {
      workflow,
      status: conclusion === null ? "in_progress" : "completed",
      conclusion,
      created_at: at(minutesAgo--),
    });
  add(old, "success");
  add(old, "failure");
  add(old, "skipped");
  for (let i = 0; i < 6; i++) add(ci, i % 2 === 0 ? "skipped" : "success");
  add(bot, "skipped");
  add(bot, "skipped");
  add(bot, null);
  return { state, repo, ci, bot, old };
}
