import { loadRegistry, type Registry, type Target } from "../../core/registry.ts";
import { randomInt } from "../prng.ts";
import type { SimState } from "../state.ts";
import { buildScenario } from "./build.ts";
import { streamFor } from "./sample.ts";
import type { ScenarioSpec } from "./spec.ts";

type OrgInput = NonNullable<ScenarioSpec["orgs"]>[number];
type RepoInput = NonNullable<OrgInput["repos"]>[number];

/** The board every org of the demo owns, as roadmap-backfill's docs and workflows assume. */
export const DEMO_BOARD = { number: 7, title: "Roadmap" } as const;
/** A second board, so some issues are tracked elsewhere (and must be left alone). */
export const DEMO_OTHER_BOARD = { number: 3, title: "Triage" } as const;

/** The ADL CLI version agent repositories pin in `.adl-version`, before a bump. */
export const DEMO_ADL_VERSION = "0.9.3";
/** The agent already on the newer version, so a bump fan-out has one target with nothing to do. */
export const DEMO_ADL_CURRENT = { agent: "release-agent", version: "0.10.0" } as const;

/** An agent's `.adl-version` file: the version and a newline. */
function adlVersionFile(target: Target) {
  const version =
    target.name === DEMO_ADL_CURRENT.agent ? DEMO_ADL_CURRENT.version : DEMO_ADL_VERSION;
  return { path: ".adl-version", content: `${version}\n` };
}

/** A target is archived in the demo when its registry entry says `meta: { archived: true }`. */
function isArchived(target: Target): boolean {
  return target.meta.archived === true;
}

function demoRepo(target: Target, seed: number): RepoInput {
  // Sizes vary per repository (from its own stream) so the demo's tables are not uniform.
  const random = streamFor(seed, `demo:${target.repository}`.toLowerCase());
  return {
    name: target.name,
    archived: isArchived(target),
    files: target.kind === "agent" ? [adlVersionFile(target)] : [],
    issues: {
      count: randomInt(random, 24, 40),
      ageDays: [0, 400],
      idleDays: [0, 200],
      comments: [0, 3],
      pullRequestShare: 0.15,
      closedShare: 0.1,
      exemptShare: 0.12,
      exemptLabels: ["pinned", "security"],
      labels: ["bug", "enhancement", "documentation"],
      stale: { share: 0.12, markedDays: [0, 14], activityShare: 0.34 },
      boards: [
        { number: DEMO_BOARD.number, share: 0.35, archivedShare: 0.1 },
        { number: DEMO_OTHER_BOARD.number, share: 0.15, archivedShare: 0.25 },
      ],
    },
    workflows: [
      {
        file: "ci.yml",
        name: "CI",
        runs: randomInt(random, 30, 60),
        conclusions: { success: 7, failure: 2, cancelled: 1 },
        active: 1,
        ageDays: [0, 60],
      },
      {
        // A bot workflow that guards on a trigger phrase: skipped on almost every comment.
        file: "claude.yml",
        name: "Claude",
        runs: randomInt(random, 40, 80),
        conclusions: { skipped: 17, success: 3 },
        ageDays: [0, 60],
      },
      {
        file: "release-legacy.yml",
        name: "Release (legacy)",
        state: "deleted",
        runs: randomInt(random, 10, 20),
        conclusions: { success: 4, failure: 1, skipped: 1 },
        ageDays: [60, 200],
      },
      ...(target.kind === "agent"
        ? [
            {
              file: "cd.yml",
              name: "CD",
              dispatch: true,
              runs: randomInt(random, 5, 10),
              conclusions: { success: 9, failure: 1 },
              ageDays: [0, 30] as [number, number],
            },
          ]
        : []),
    ],
  };
}

/**
 * The demo org as a scenario spec: every target of the registry under its owner; each owner
 * an org with the Roadmap board (number 7; Status Todo, In progress, QA, Done) and a Triage
 * board; issues of all ages (some idle past 30 days, some already stale, some exempt with
 * `pinned`/`security`), pull requests, runs of live and retired workflows with many
 * `skipped`; agent repositories with a dispatchable `cd.yml` and an `.adl-version` file
 * (0.9.3, but release-agent's already 0.10.0).
 */
export function demoSpec(registry: Registry, o: { now: number; seed?: number }): ScenarioSpec {
  const seed = o.seed ?? 1;
  // GitHub logins are case-insensitive: targets written `Acme` and `acme` share one org.
  const owners = new Map<string, string>();
  for (const t of registry.targets)
    if (!owners.has(t.owner.toLowerCase())) owners.set(t.owner.toLowerCase(), t.owner);
  return {
    seed,
    now: o.now,
    orgs: [...owners].map(([lower, owner]) => ({
      login: owner,
      boards: [
        { ...DEMO_BOARD, statusOptions: ["Todo", "In progress", "QA", "Done"] },
        { ...DEMO_OTHER_BOARD, statusOptions: ["New", "Accepted", "Declined"] },
      ],
      repos: registry.targets
        .filter((t) => t.owner.toLowerCase() === lower)
        .map((t) => demoRepo(t, seed)),
    })),
  };
}

/** The demo's simulator state, generated from a registry file (the default scenario). */
export async function demoScenario(o: {
  registry: string;
  now: number;
  seed?: number;
}): Promise<SimState> {
  return buildScenario(demoSpec(loadRegistry(o.registry), o));
}
