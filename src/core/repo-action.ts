import type { z } from "zod";
import { defineAction, type ActionDeps, type ActionSpec } from "./action.ts";
import type { ApplyReport, ApplyWording, ChangeWrites } from "./apply.ts";
import type { ClientLimits, FleetClient } from "./client.ts";
import { mapRepositories } from "./map-repositories.ts";
import { runRepository } from "./run-repository.ts";
import type { InputSchema } from "./inputs.ts";
import type { ActionResult, RepoResult } from "./report.ts";
import type { RepoRef } from "./repository.ts";
import { webLinks, webRoot, type WebLinks } from "./web-links.ts";

/** What every repository of one run shares, set up once from the inputs. */
export interface RunContext {
  client: FleetClient;
  dryRun: boolean;
  /** The per-repository cap: its input's name and value. */
  cap: { input: string; limit: number };
  /** `min-remaining`: no change starts below it. */
  floor: number;
  /** The rate-limit resource the changes draw on; REST's unless said. */
  resource?: string;
  /** Where the summary's links point (GITHUB_SERVER_URL). */
  links: WebLinks;
}

/** A repository left alone, with why (archived, issues turned off): a notice, not a failure. */
export interface Skip {
  skip: string;
}

/** What an action plans for one repository. */
export interface RepoPlan<Change> {
  /** The changes, in the order they are to be made. */
  changes: Change[];
  /**
   * Changes the plan itself holds back for a later run (a cap on what it may decide, such as
   * smoke-issue-bot's max-issues): counted as left.
   */
  deferred?: number;
  /** What the plan leaves alone and why, said under the repository's row. */
  warnings?: string[];
}

/** How one repository's changes are made: the writes, and what a dry run reads instead. */
export type ChangeWriter<Change> = ChangeWrites<Change> & {
  /**
   * Runs once before the changes (in a dry run too): what they all need first, such as a
   * label to create.
   */
  before?(): Promise<{ notice?: string; warnings?: string[] }>;
  /**
   * Runs once after the changes of a real run: a check of what they did, such as whether a
   * concurrent run made the same create at the same moment. The changes it names in `undone`
   * turned out to be someone else's (the writer took its own copy back): they count as
   * skipped, not done.
   */
  after?(done: readonly Change[]): Promise<{ undone?: Change[]; warnings?: string[] }>;
};

/** One repository that got as far as applying its plan. */
export interface RepoRun<P, W> {
  repo: RepoRef;
  plan: P;
  writer: W;
  report: ApplyReport<ChangeOf<P>>;
}

/** The change type of a plan. */
export type ChangeOf<P> = P extends RepoPlan<infer C> ? C : never;

/** What an action adds to a repository's row, in its own words. */
export interface RowParts {
  counts?: RepoResult["counts"];
  items?: RepoResult["items"];
  /** What failed or stopped the changes, in the action's words; makes the repository fail. */
  error?: string | undefined;
  /** Said after the plan's and the run's own warnings. */
  warnings?: string[];
  /** Set when applying showed the repository is one to leave alone (archived): its notice. */
  skip?: string;
}

/** An action that reads, plans and changes each repository the same way. */
export interface RepoActionSpec<
  S extends InputSchema,
  C extends RunContext,
  Snapshot,
  P extends RepoPlan<unknown>,
  W extends ChangeWriter<ChangeOf<P>>,
> {
  name: string;
  title: string;
  schema: S;
  /** Repositories worked on at once. */
  concurrency: number;
  /** The input holding the per-repository cap (`max-*`); none when the plan caps itself. */
  capInput?: string;
  /** The repositories worked on: the `repositories` input unless said. */
  repositories?(context: C): string[];
  /** The REST root: the `api-url` input unless said (dispatch finds Gitea's). */
  apiUrl?(inputs: z.infer<S>, deps: ActionDeps): string;
  /**
   * Once per run, before any repository: what every repository shares, on top of what core
   * sets up from the inputs every such action has (token, api-url, dry-run, min-remaining).
   */
  setup(inputs: z.infer<S>, deps: ActionDeps, base: RunContext): C | Promise<C>;
  /** Everything the plan needs from one repository (the reads), or why it is skipped. */
  read(repo: RepoRef, context: C): Promise<Snapshot | Skip>;
  /** Pure: what to change in the repository, or why it is left alone. */
  plan(snapshot: Snapshot, context: C, repo: RepoRef): P | Skip;
  /** The writes for one repository's plan. */
  writer(repo: RepoRef, plan: P, context: C): W;
  wording?: Partial<ApplyWording<ChangeOf<P>>>;
  /**
   * The summary's headers, in a dry run, of the count columns that say what was done
   * (`deleted: "would delete"`); the `result` output keeps the counts' names.
   */
  dryRunColumns?: Record<string, string>;
  /** The action's part of a repository's row. */
  row(run: RepoRun<P, W>, context: C): RowParts;
  /**
   * The outputs and the summary after the tables, from every repository that got to apply;
   * `repos` when the action follows its changes up and amends the rows (dispatch's waits).
   */
  finish(
    runs: ReadonlyMap<string, RepoRun<P, W>>,
    rows: readonly RepoResult[],
    context: C,
  ): FinishResult | Promise<FinishResult>;
}

/** The inputs every repository action has, as the schemas give them. */
interface CommonInputs {
  repositories: string[];
  token: string;
  "api-url": string;
  "dry-run": boolean;
  "min-remaining"?: number;
  "max-rate-limit-wait-seconds"?: number;
}

/** The client timings the inputs set: the longest rate-limit wait, when the action has it. */
export function limitsOf(inputs: { "max-rate-limit-wait-seconds"?: number }): ClientLimits {
  const wait = inputs["max-rate-limit-wait-seconds"];
  return wait === undefined ? {} : { maxSecondaryWaitSeconds: wait };
}

/** What core sets up for every repository action from its common inputs and its cap. */
function baseContext(
  capInput: string | undefined,
  apiUrl: string,
  values: unknown,
  deps: ActionDeps,
): RunContext {
  const inputs = values as CommonInputs;
  const limit = capInput === undefined ? Infinity : (values as Record<string, unknown>)[capInput];
  if (typeof limit !== "number")
    throw new Error(`the cap input '${capInput}' is not in the schema`);
  return {
    client: deps.makeClient(inputs.token, apiUrl, limitsOf(inputs)),
    dryRun: inputs["dry-run"],
    cap: { input: capInput ?? "", limit },
    // Without min-remaining (dispatch sends one request a repository) there is no floor.
    floor: inputs["min-remaining"] ?? -Infinity,
    links: webLinks(webRoot(deps.env)),
  };
}

/** What finish gives back: the action's result, its rows as core made them unless said. */
export type FinishResult = Omit<ActionResult, "repos"> & { repos?: RepoResult[] };

/**
 * Declares an action made of a read, a pure plan and the writes, per repository. The pipeline
 * is core's, the same for every such action: the repositories `concurrency` at a time with a
 * progress line each; skip and failure rows; the cap, the rate-limit floor and the stop on
 * a limit or a refused token; the dry run (same plan and cap, no write); `left` and the status
 * of each row; links on GITHUB_SERVER_URL.
 */
export function defineRepoAction<
  S extends InputSchema,
  C extends RunContext,
  Snapshot,
  P extends RepoPlan<unknown>,
  W extends ChangeWriter<ChangeOf<P>>,
>(spec: RepoActionSpec<S, C, Snapshot, P, W>): ActionSpec<S> {
  return defineAction({
    name: spec.name,
    title: spec.title,
    schema: spec.schema,
    async run(inputs, deps) {
      const apiUrl = spec.apiUrl?.(inputs, deps) ?? (inputs as CommonInputs)["api-url"];
      const base = baseContext(spec.capInput, apiUrl, inputs, deps);
      const context = await spec.setup(inputs, deps, base);
      const runs = new Map<string, RepoRun<P, W>>();
      const rows = await mapRepositories(
        spec.repositories?.(context) ?? (inputs as CommonInputs).repositories,
        deps.log,
        async (repo) => {
          const run = await runRepository(spec, repo, context, deps);
          if ("plan" in run) runs.set(repo.fullName, run);
          return "plan" in run ? run.row : run;
        },
        {
          concurrency: spec.concurrency,
          dryRun: context.dryRun,
          keep: (row) => deps.keep?.(row),
        },
      );
      const ordered = new Map(
        rows.flatMap((r) => {
          const run = runs.get(r.repository);
          return run ? [[r.repository, run] as const] : [];
        }),
      );
      const columns = context.dryRun && spec.dryRunColumns ? { columns: spec.dryRunColumns } : {};
      return { repos: rows, ...columns, ...(await spec.finish(ordered, rows, context)) };
    },
  });
}
