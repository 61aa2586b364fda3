/**
 * The declarative scenario format: what an org looks like, in a handful of knobs, validated
 * with zod so a scenario file's mistakes come back naming the field. `buildScenario` turns a
 * spec into a simulator state.
 */
import { z } from "zod";
import { didYouMean } from "../../core/problem-wording.ts";
import { RUN_CONCLUSIONS } from "../../core/run-conclusions.ts";

const permissionNames = [
  "issues",
  "pull_requests",
  "actions",
  "contents",
  "metadata",
  "organization_projects",
  "repository_projects",
] as const;

const loginPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const repoNamePattern = /^[A-Za-z0-9._-]{1,100}$/;
const fullNamePattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const workflowFilePattern = /^[A-Za-z0-9._-]+\.ya?ml$/;

/** An error map that words unknown keys with the keys allowed (typo detection). */
function unknownKeys(known: readonly string[]): z.core.$ZodErrorMap {
  return (issue) => {
    if (issue.code !== "unrecognized_keys") return undefined;
    const found = issue.keys.map((key) => `'${key}'${didYouMean(key, known)}`);
    return `found unknown key ${found.join(", ")}, allowed the keys ${known.join(", ")}`;
  };
}

/** A strict object whose unknown-key error names the keys it allows. */
function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: unknownKeys(Object.keys(shape)) });
}

const share = z.number().min(0).max(1);
const count = z.number().int().min(0);

/** `[min, max]`, both non-negative, min <= max. */
const range = z
  .tuple([z.number().min(0), z.number().min(0)])
  .refine(([min, max]) => min <= max, { message: "[min, max] with min <= max" });

const boardSpec = strict({
  number: z.number().int().min(1),
  title: z.string().min(1),
  /** Options of the board's single-select Status field. */
  statusOptions: z.array(z.string().min(1)).min(1).default(["Todo", "In progress", "QA", "Done"]),
});

const placementSpec = strict({
  /** Number of a board of the repository's org. */
  number: z.number().int().min(1),
  /** Share of the open issues (not pull requests) that are on this board. */
  share,
  /** Share of this board's items that are archived (an archived item still tracks its issue). */
  archivedShare: share.default(0),
});

const staleSpec = strict({
  /** Share of the open issues (not pull requests) the bot already marked stale. */
  share: share.default(0),
  label: z.string().min(1).default("stale"),
  /** How many days ago they were marked. */
  markedDays: range.default([0, 14]),
  /** Share of the marked issues on which a human commented after the mark. */
  activityShare: share.default(0),
});

const issuesSpec = strict({
  /** Issues and pull requests together. */
  count,
  /** Created this many days ago (uniform); issue numbers follow creation order. */
  ageDays: range.default([0, 400]),
  /** Days since the last human activity (uniform, capped at the issue's age). */
  idleDays: range.default([0, 120]),
  /** Human comments per issue; one is always added when the issue saw activity after creation. */
  comments: range.default([0, 3]),
  pullRequestShare: share.default(0),
  /** Share of the issues (not pull requests) that are closed. */
  closedShare: share.default(0),
  /** Share of the issues (not pull requests) that carry one of `exemptLabels`. */
  exemptShare: share.default(0),
  exemptLabels: z.array(z.string().min(1)).min(1).default(["pinned", "security"]),
  /** Ordinary labels; each issue gets one of them or none. */
  labels: z.array(z.string().min(1)).default(["bug", "enhancement"]),
  stale: staleSpec.default({ share: 0, label: "stale", markedDays: [0, 14], activityShare: 0 }),
  /** Boards the open issues are on; the rest are on no board. */
  boards: z.array(placementSpec).default([]),
});

const dispatchInputs = z.record(z.string().min(1), strict({ required: z.boolean().optional() }));

const workflowSpec = strict({
  /** File name under .github/workflows/. */
  file: z.string().regex(workflowFilePattern, "a workflow file name such as ci.yml"),
  /** Display name (default: the file name without extension). */
  name: z.string().min(1).optional(),
  /** `deleted` makes it a retired pipeline whose runs remain. */
  state: z
    .enum(["active", "deleted", "disabled_manually", "disabled_inactivity"])
    .default("active"),
  /** A `workflow_dispatch` trigger: `true`, or its inputs. */
  dispatch: z
    .union([z.boolean(), dispatchInputs], {
      error: "true, false, or a map of input names to { required: true|false }",
    })
    .default(false),
  runs: count.default(0),
  /** Relative weights of the completed runs' conclusions. */
  conclusions: z
    .partialRecord(z.enum(RUN_CONCLUSIONS), z.number().min(0), {
      error: unknownKeys(RUN_CONCLUSIONS),
    })
    .refine((w) => Object.values(w).some((v) => (v ?? 0) > 0), {
      message: "weights with at least one above 0",
      when: (payload) => payload.issues.length === 0,
    })
    .default({ success: 6, failure: 1, cancelled: 1, skipped: 2 }),
  /** How many of the newest runs are still queued or in progress. */
  active: count.default(0),
  /** Runs were created this many days ago (uniform). */
  ageDays: range.default([0, 90]),
});

const fileSpec = strict({
  /** Branch (default: the default branch); created from the default branch when missing. */
  branch: z.string().min(1).optional(),
  path: z.string().min(1),
  content: z.string(),
});

/**
 * A branch rule, as one rule of a ruleset targeting branches: on branches matching `pattern`
 * (fnmatch, `*` within a segment, `**` across), refuse creating, updating, deleting or
 * force-pushing as flagged.
 */
const ruleSpec = strict({
  pattern: z.string().min(1),
  creation: z.boolean().default(false),
  update: z.boolean().default(false),
  deletion: z.boolean().default(false),
  nonFastForward: z.boolean().default(false),
});

const repoSpec = strict({
  /** The repository's name, or with `count` the prefix of `name-01`, `name-02`, ... */
  name: z
    .string()
    .regex(repoNamePattern, "a GitHub repository name: letters, digits, '.', '_', '-'"),
  count: z.number().int().min(1).optional(),
  private: z.boolean().default(false),
  archived: z.boolean().default(false),
  /** `false` answers the Actions endpoints with 404, as a repository with Actions disabled. */
  actionsEnabled: z.boolean().default(true),
  defaultBranch: z.string().min(1).default("main"),
  issues: issuesSpec.optional(),
  workflows: z.array(workflowSpec).default([]),
  files: z.array(fileSpec).default([]),
  /** Branch rules (rulesets) that refuse pushes through every API. */
  rules: z.array(ruleSpec).default([]),
});

const orgSpec = strict({
  login: z.string().regex(loginPattern, "a GitHub login: letters, digits and hyphens"),
  boards: z.array(boardSpec).default([]),
  repos: z.array(repoSpec).default([]),
});

const tokenSpec = strict({
  login: z.string().min(1),
  /** The secret; generated from the seed when absent. */
  token: z.string().min(1).optional(),
  kind: z.enum(["app", "github_token", "pat"]).default("app"),
  /** `all` (every permission, write), `read` (every permission, read) or a map. */
  permissions: z
    .union(
      [
        z.enum(["all", "read"]),
        z.partialRecord(z.enum(permissionNames), z.enum(["read", "write"]), {
          error: unknownKeys(permissionNames),
        }),
      ],
      { error: `'all', 'read', or a map of ${permissionNames.join("|")} to read|write` },
    )
    .default("all"),
  /** `*` or a list of `owner/name`. */
  repositories: z
    .union(
      [z.literal("*"), z.array(z.string().regex(fullNamePattern, "a repository as owner/name"))],
      { error: "'*' or a list of owner/name" },
    )
    .default("*"),
  /** Requests per hour (default 5,000; 1,000 for a github_token). */
  hourlyLimit: z.number().int().min(1).optional(),
});

const adminSpec = strict({
  login: z.string().min(1).default("fleet-bot[bot]"),
  token: z.string().min(1).optional(),
  hourlyLimit: z.number().int().min(1).default(5000),
});

/** The moment the scenario describes: an ISO timestamp or epoch milliseconds. */
const nowAllowed = "an ISO timestamp such as 2026-06-01T00:00:00Z, or epoch milliseconds";
const nowSpec = z.union(
  [
    z.number().int().min(0),
    z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: nowAllowed }),
  ],
  { error: nowAllowed },
);

const status = z.number().int().min(100).max(599);

/** A fault rule (see faults.ts): which requests, when, and what happens to them. */
const faultSpec = strict({
  match: strict({
    method: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    operation: z.string().min(1).optional(),
  }).optional(),
  when: z
    .union([
      strict({ nth: z.number().int().min(1) }),
      strict({ every: z.number().int().min(1) }),
      strict({ probability: share }),
    ])
    .optional(),
  then: z.union([
    strict({
      status,
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
    strict({ delayMs: z.number().int().min(0) }),
    strict({ reset: z.literal(true) }),
    strict({ truncate: z.literal(true) }),
    strict({ lostAnswer: z.literal(true) }),
    strict({ appliedThenStatus: status }),
  ]),
  times: z.number().int().min(1).optional(),
});

/** Scenarios describe this moment unless they say otherwise. */
export const DEFAULT_NOW = "2026-06-01T00:00:00Z";

/** The zod schema of a scenario; cross-field rules (board references, duplicates) included. */
export const scenarioSchema = strict({
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  now: nowSpec.default(DEFAULT_NOW),
  /** The token with every permission on every repository; its login is the bot's. */
  admin: adminSpec.default({ login: "fleet-bot[bot]", hourlyLimit: 5000 }),
  tokens: z.array(tokenSpec).default([]),
  orgs: z.array(orgSpec).default([]),
  /** Fault rules the server starts with, in order. */
  faults: z.array(faultSpec).default([]),
}).superRefine((spec, ctx) => {
  const logins = new Set<string>();
  const repos = new Set<string>();
  spec.orgs.forEach((org, o) => {
    if (logins.has(org.login.toLowerCase()))
      ctx.addIssue({
        code: "custom",
        path: ["orgs", o, "login"],
        message: `found org '${org.login}' again, allowed each org once`,
      });
    logins.add(org.login.toLowerCase());
    const boards = new Set<number>();
    org.boards.forEach((board, b) => {
      if (boards.has(board.number))
        ctx.addIssue({
          code: "custom",
          path: ["orgs", o, "boards", b, "number"],
          message: `found board number ${board.number} again in org '${org.login}', allowed each number once`,
        });
      boards.add(board.number);
    });
    org.repos.forEach((repo, r) => {
      for (const name of repoNames(repo)) {
        const key = `${org.login}/${name}`.toLowerCase();
        if (repos.has(key))
          ctx.addIssue({
            code: "custom",
            path: ["orgs", o, "repos", r, "name"],
            message: `found repository '${org.login}/${name}' again, allowed each owner/name once (case-insensitively)`,
          });
        repos.add(key);
      }
      const placements = repo.issues?.boards ?? [];
      placements.forEach((p, i) => {
        if (!boards.has(p.number))
          ctx.addIssue({
            code: "custom",
            path: ["orgs", o, "repos", r, "issues", "boards", i, "number"],
            message: `found board ${p.number}, allowed a board of org '${org.login}' (${[...boards].join(", ") || "it has none"})`,
          });
      });
      const total = placements.reduce((sum, p) => sum + p.share, 0);
      if (total > 1 + 1e-9)
        ctx.addIssue({
          code: "custom",
          path: ["orgs", o, "repos", r, "issues", "boards"],
          message: `found board shares adding up to ${Number(total.toFixed(6))}, allowed at most 1 in total`,
        });
      repo.workflows.forEach((w, i) => {
        if (w.active > w.runs)
          ctx.addIssue({
            code: "custom",
            path: ["orgs", o, "repos", r, "workflows", i, "active"],
            message: `found ${w.active} active runs, allowed at most the ${w.runs} runs`,
          });
      });
    });
  });
  spec.tokens.forEach((token, t) => {
    if (token.repositories === "*") return;
    token.repositories.forEach((full, i) => {
      if (!repos.has(full.toLowerCase()))
        ctx.addIssue({
          code: "custom",
          path: ["tokens", t, "repositories", i],
          message: `found '${full}', allowed a repository of the scenario`,
        });
    });
  });
});

/** A scenario as written (defaults may be left out). */
export type ScenarioSpec = z.input<typeof scenarioSchema>;
/** A validated scenario with every default filled in. */
export type ResolvedScenario = z.output<typeof scenarioSchema>;
/** A repository entry of a resolved scenario. */
export type RepoSpec = z.output<typeof repoSpec>;
/** A repository's issues entry of a resolved scenario. */
export type IssuesSpec = z.output<typeof issuesSpec>;
/** A workflow entry of a resolved scenario. */
export type WorkflowSpec = z.output<typeof workflowSpec>;
/** A token entry of a resolved scenario. */
export type TokenSpec = z.output<typeof tokenSpec>;

/** The names a repository entry stands for: `name`, or `name-01` ... `name-NN` with `count`. */
export function repoNames(repo: { name: string; count?: number | undefined }): string[] {
  if (repo.count === undefined) return [repo.name];
  const width = String(repo.count).length;
  return Array.from(
    { length: repo.count },
    (_, i) => `${repo.name}-${String(i + 1).padStart(Math.max(2, width), "0")}`,
  );
}
