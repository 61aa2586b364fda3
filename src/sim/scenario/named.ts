import { existsSync } from "node:fs";
import { didYouMean } from "../../core/problem-wording.ts";
import type { SimState } from "../state.ts";
import { buildScenario } from "./build.ts";
import { demoScenario } from "./demo.ts";
import { loadScenarioFile, ScenarioError } from "./load.ts";
import type { ScenarioSpec } from "./spec.ts";

const roadmap = {
  number: 7,
  title: "Roadmap",
  statusOptions: ["Todo", "In progress", "QA", "Done"],
};
const triage = { number: 3, title: "Triage", statusOptions: ["New", "Accepted", "Declined"] };

/**
 * A compact org with one of everything, for trying permissions and edge cases: an archived
 * repository, one with Actions disabled, a state file on a branch, retired workflows,
 * dispatchable `cd.yml` (one with a required input), two boards, and restricted tokens: a
 * `GITHUB_TOKEN`-like one scoped to acme/api without project access, a read-only one, and an
 * App token without organisation projects.
 */
export function smallSpec(now: number, seed = 1): ScenarioSpec {
  const issues = {
    ageDays: [0, 300] as [number, number],
    idleDays: [0, 150] as [number, number],
    pullRequestShare: 0.1,
    closedShare: 0.1,
    exemptShare: 0.1,
    stale: { share: 0.15, activityShare: 0.34 },
    boards: [
      { number: 7, share: 0.4, archivedShare: 0.1 },
      { number: 3, share: 0.2 },
    ],
  };
  return {
    seed,
    now,
    orgs: [
      {
        login: "acme",
        boards: [roadmap, triage],
        repos: [
          {
            name: "api",
            issues: { ...issues, count: 40 },
            workflows: [
              { file: "ci.yml", name: "CI", runs: 60, active: 2 },
              {
                file: "claude.yml",
                name: "Claude",
                runs: 80,
                conclusions: { skipped: 9, success: 1 },
              },
              { file: "deploy-legacy.yml", state: "deleted", runs: 20, ageDays: [90, 200] },
              { file: "cd.yml", name: "CD", dispatch: true, runs: 5 },
            ],
          },
          {
            name: "web",
            issues: { ...issues, count: 20 },
            workflows: [
              { file: "ci.yml", name: "CI", runs: 30 },
              {
                file: "cd.yml",
                name: "CD",
                dispatch: { environment: { required: true } },
                runs: 3,
              },
            ],
          },
          {
            name: "legacy",
            archived: true,
            issues: { ...issues, count: 10 },
            workflows: [{ file: "ci.yml", runs: 10 }],
          },
          { name: "no-actions", actionsEnabled: false, issues: { ...issues, count: 5 } },
          {
            name: "smoke",
            files: [
              {
                branch: "fleet-smoke-state",
                path: "smoke-state/example-package.json",
                content: '{"consecutiveFailures":1,"issue":null,"runs":[]}\n',
              },
            ],
          },
        ],
      },
      {
        login: "acme-labs",
        boards: [roadmap],
        repos: [
          { name: "tools", issues: { ...issues, count: 10, boards: [{ number: 7, share: 0.5 }] } },
        ],
      },
    ],
    tokens: [
      {
        login: "github-actions[bot]",
        kind: "github_token",
        repositories: ["acme/api"],
        permissions: {
          issues: "write",
          pull_requests: "write",
          actions: "write",
          contents: "write",
        },
      },
      { login: "reader", kind: "pat", permissions: "read" },
      {
        login: "fleet-noprojects[bot]",
        permissions: { issues: "write", actions: "write", contents: "write" },
      },
    ],
  };
}

/**
 * Fleet scale: 100 repositories of 200 issues (10 % exempt, 5 % pull requests, 3 % already
 * stale, 30 % of open issues on no board) and a monorepo with 20,000 runs over three live and
 * two retired workflows, 60 % skipped.
 */
export function largeSpec(now: number, seed = 1): ScenarioSpec {
  const runs = (file: string, count: number, state?: "deleted") => ({
    file,
    runs: count,
    conclusions: { skipped: 6, success: 3, failure: 1 },
    ageDays: [0, 365] as [number, number],
    ...(state ? { state } : {}),
  });
  return {
    seed,
    now,
    orgs: [
      {
        login: "acme",
        boards: [roadmap, triage],
        repos: [
          {
            name: "repo",
            count: 100,
            issues: {
              count: 200,
              pullRequestShare: 0.05,
              exemptShare: 0.1,
              stale: { share: 0.03, activityShare: 0.33 },
              boards: [
                { number: 7, share: 0.5, archivedShare: 0.05 },
                { number: 3, share: 0.2 },
              ],
            },
            workflows: [{ file: "ci.yml", name: "CI", runs: 50, active: 1 }],
          },
          {
            name: "monorepo",
            workflows: [
              { ...runs("ci.yml", 6000), active: 4 },
              runs("claude.yml", 6000),
              runs("nightly.yml", 4000),
              runs("release-v1.yml", 2000, "deleted"),
              runs("docs-legacy.yml", 2000, "deleted"),
            ],
          },
        ],
      },
    ],
  };
}

/** One org with one empty repository and the Roadmap board: a sandbox to try writes in. */
export function emptySpec(now: number, seed = 1): ScenarioSpec {
  return { seed, now, orgs: [{ login: "acme", boards: [roadmap], repos: [{ name: "sandbox" }] }] };
}

/** The scenarios `fleet sim --scenario NAME` knows, with what each is for. */
export const namedScenarios = {
  demo: "the demo org generated from repos.yaml (the default)",
  small: "one of everything, with restricted tokens: for trying permissions and edge cases",
  large: "100 repositories x 200 issues and a monorepo with 20,000 runs",
  empty: "one empty repository and the Roadmap board",
} as const;

/** A scenario's name. */
export type ScenarioName = keyof typeof namedScenarios;

const isName = (value: string): value is ScenarioName => Object.hasOwn(namedScenarios, value);

/**
 * The state of a named scenario, or of a scenario file (YAML or JSON) when `nameOrFile` is a
 * path. `now` is the moment a scenario describes unless its file sets one; `registry` is the
 * file the demo is generated from. An unknown name is a ScenarioError listing the names.
 */
export async function resolveScenario(
  nameOrFile: string,
  o: { now: number; registry: string; seed?: number },
): Promise<SimState> {
  if (isName(nameOrFile)) {
    switch (nameOrFile) {
      case "demo":
        return demoScenario({ registry: o.registry, now: o.now, seed: o.seed });
      case "small":
        return buildScenario(smallSpec(o.now, o.seed));
      case "large":
        return buildScenario(largeSpec(o.now, o.seed));
      case "empty":
        return buildScenario(emptySpec(o.now, o.seed));
    }
  }
  if (existsSync(nameOrFile) || /[./\\]/.test(nameOrFile))
    return buildScenario(loadScenarioFile(nameOrFile, { now: o.now }));
  const hint = didYouMean(nameOrFile, Object.keys(namedScenarios));
  throw new ScenarioError([
    `--scenario: found unknown scenario '${nameOrFile}'${hint}, ` +
      `allowed one of ${Object.keys(namedScenarios).join(", ")}, or a scenario file (YAML or JSON)`,
  ]);
}
