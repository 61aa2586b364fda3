import {
  addOrg,
  addProject,
  addRepo,
  createState,
  iso,
  type SimProject,
  type SimState,
} from "../state.ts";
import { buildFiles } from "./build-files.ts";
import { buildIssues } from "./build-issues.ts";
import { buildWorkflows } from "./build-runs.ts";
import { buildTokens } from "./build-tokens.ts";
import { parseScenario } from "./load.ts";
import { DAY, streamFor } from "./sample.ts";
import { repoNames, type RepoSpec, type ScenarioSpec } from "./spec.ts";

/** How long before its oldest issue or run a generated repository was created. */
const REPO_HEAD_START_DAYS = 30;

function oldestDays(repo: RepoSpec): number {
  const ages = [repo.issues?.ageDays[1] ?? 0, ...repo.workflows.map((w) => w.ageDays[1])];
  return Math.max(...ages) + REPO_HEAD_START_DAYS;
}

/**
 * Builds the simulator state a scenario describes. Validates the spec first (a ScenarioError
 * names every bad field). Deterministic: the same spec gives an identical state, ids and
 * timestamps included; the seed changes every random draw.
 */
export function buildScenario(input: ScenarioSpec): SimState {
  const spec = parseScenario(input);
  const now = typeof spec.now === "number" ? spec.now : Date.parse(spec.now);
  const state = createState({ now: Math.floor(now / 1000) * 1000, seed: spec.seed });
  buildTokens(state, spec);
  if (spec.faults.length > 0) state.faultRules = spec.faults;
  for (const org of spec.orgs) {
    addOrg(state, org.login);
    const boards = new Map<number, SimProject>();
    for (const board of org.boards) {
      boards.set(
        board.number,
        addProject(state, {
          owner: org.login,
          number: board.number,
          title: board.title,
          statusOptions: board.statusOptions,
        }),
      );
    }
    for (const repoSpec of org.repos) {
      for (const name of repoNames(repoSpec)) {
        const random = streamFor(spec.seed, `${org.login}/${name}`.toLowerCase());
        const repo = addRepo(state, {
          owner: org.login,
          name,
          private: repoSpec.private,
          archived: repoSpec.archived,
          default_branch: repoSpec.defaultBranch,
          created_at: iso(state.now - oldestDays(repoSpec) * DAY),
        });
        repo.actions_enabled = repoSpec.actionsEnabled;
        repo.rules = repoSpec.rules.map((r) => ({
          pattern: r.pattern,
          creation: r.creation,
          update: r.update,
          deletion: r.deletion,
          non_fast_forward: r.nonFastForward,
        }));
        if (repoSpec.issues)
          buildIssues(state, repo, repoSpec.issues, {
            random,
            now: state.now,
            bot: spec.admin.login,
            boards,
          });
        buildWorkflows(state, repo, repoSpec.workflows, { random, now: state.now });
        buildFiles(repo, repoSpec.files, iso(state.now));
      }
    }
  }
  return state;
}
