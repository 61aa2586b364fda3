import type { ActionDeps } from "../../core/action.ts";
import { InputError } from "../../core/inputs.ts";
import { link } from "../../core/markdown.ts";
import { defineRepoAction, type RunContext } from "../../core/repo-action.ts";
import { parseRepo } from "../../core/repository.ts";
import { readWorkspaceFile, workspaceFolder, workspaceRoot } from "../../core/workspace-file.ts";
import { changeProblems } from "./change-rules.ts";
import { proposalWriter, readTarget } from "./github.ts";
import { schema, type Inputs } from "./inputs.ts";
import { diffSection, errorLine, proposalBody } from "./messages.ts";
import { planProposal, type LocalChange, type ProposalSettings } from "./plan.ts";
import { parseValues, render, unfilled, type TemplateScope } from "./templates.ts";
import { readWorkingTree, type WorkingTreeChange } from "./working-tree.ts";

/** What the one target's proposal shares between setup, plan and writes. */
interface ProposalContext extends RunContext {
  repository: string;
  base: string | undefined;
  settings: ProposalSettings;
  tree: WorkingTreeChange;
  change: LocalChange;
  maxBytes: number;
  maxDiffBytes: number;
  runUrl: string | undefined;
}

/** The title: the template, else the fallback when a value it names is missing or empty. */
function title(inputs: Inputs, scope: TemplateScope): string {
  const missing = unfilled(inputs.title, scope);
  if (missing.length === 0) return render(inputs.title, scope);
  if (inputs["fallback-title"].trim() !== "") return render(inputs["fallback-title"], scope);
  throw new InputError(
    `Input 'title': {{ ${missing.join(" }}, {{ ")} }} names nothing or an empty value; allowed target.<field> of the 'target' input and values.<key> of the 'values-file' (give 'fallback-title' for when a value may be missing)`,
  );
}

async function setup(inputs: Inputs, deps: ActionDeps, base: RunContext): Promise<ProposalContext> {
  const root = workspaceRoot(deps.env, deps.cwd);
  const repository = inputs.repository.trim();
  const ref = parseRepo(repository);
  const values = inputs["values-file"].trim()
    ? parseValues(
        readWorkspaceFile("values-file", inputs["values-file"], root),
        inputs["values-file"],
      )
    : {};
  const scope: TemplateScope = {
    target: { repository, owner: ref.owner, name: ref.repo, ...inputs.target },
    values,
  };
  const missingInBody = unfilled(inputs.body, scope);
  if (missingInBody.length > 0)
    throw new InputError(
      `Input 'body': {{ ${missingInBody.join(" }}, {{ ")} }} names nothing or an empty value; allowed target.<field> of the 'target' input and values.<key> of the 'values-file'`,
    );
  const tree = await readWorkingTree(workspaceFolder("path", inputs.path, root));
  const problems = changeProblems(tree.files, {
    maxFiles: inputs["max-files"],
    maxBytes: inputs["max-bytes"],
  });
  if (problems.length > 0)
    throw new InputError(
      `the change in '${inputs.path}' cannot be proposed:\n${problems.join("\n")}`,
    );
  const prTitle = title(inputs, scope);
  const runId = deps.env.GITHUB_RUN_ID;
  const home = deps.env.GITHUB_REPOSITORY;
  return {
    ...base,
    repository,
    base: inputs.base.trim() || undefined,
    settings: {
      changeId: inputs["change-id"].trim(),
      branch: `fleet/${inputs["change-id"].trim()}`,
      title: prTitle,
      body: render(inputs.body, scope),
      commitMessage: inputs["commit-message"].trim()
        ? render(inputs["commit-message"], scope)
        : prTitle,
      labels: inputs.labels,
      assignees: inputs.assignees,
      reviewers: inputs.reviewers,
      teamReviewers: inputs["team-reviewers"],
      draft: inputs.draft,
    },
    tree,
    change: { headOid: tree.headOid, files: tree.files },
    maxBytes: inputs["max-bytes"],
    maxDiffBytes: inputs["max-diff-bytes"],
    runUrl: runId && home ? base.links.workflowRun(home, runId) : undefined,
  };
}

/** open-pr: propose a checkout's changes as one pull request on its repository. */
export const action = defineRepoAction({
  name: "open-pr",
  title: "Open pull request",
  schema,
  concurrency: 1,
  repositories: (context: ProposalContext) => [context.repository],
  setup,
  read: (repo, context) =>
    readTarget(context.client, repo, context.change, {
      changeId: context.settings.changeId,
      branch: context.settings.branch,
      base: context.base,
    }),
  plan: (snapshot, context) =>
    planProposal(context.change, snapshot, context.settings, (files) =>
      proposalBody(context.settings, files, context.runUrl),
    ),
  writer: (repo, plan, context) =>
    proposalWriter(context.client, repo, plan.snapshot, {
      ...context.settings,
      digest: plan.digest,
      blob: (file) => context.tree.blob(file.newOid!, context.maxBytes),
    }),
  row: ({ repo, plan, writer, report }, context) => {
    const number = writer.written.number;
    return {
      counts: { operation: plan.operation, files: plan.files.length },
      error: errorLine(report, context.settings.branch),
      items:
        number === undefined
          ? []
          : [
              {
                text: `#${number} ${plan.operation}`,
                url: context.links.pull(repo.fullName, number),
              },
            ],
    };
  },
  finish(runs, _rows, context) {
    const run = [...runs.values()][0];
    const written = run?.writer.written;
    // Links on GITHUB_SERVER_URL, as every summary link: right on Enterprise Server too.
    const url =
      run && written?.number !== undefined
        ? context.links.pull(run.repo.fullName, written.number)
        : "";
    const patch = context.tree.patch;
    const shown = patch.subarray(0, context.maxDiffBytes).toString("utf8");
    const summary =
      run && run.plan.files.length > 0 && context.maxDiffBytes > 0
        ? diffSection(
            run.repo.fullName,
            run.plan.operation,
            shown,
            patch.length,
            context.maxDiffBytes,
          )
        : "";
    return {
      outputs: {
        // A run that failed before any write landed did nothing, whatever it planned.
        operation:
          run && (run.report.done.length > 0 || run.report.failed.length === 0)
            ? run.plan.operation
            : "none",
        "pull-request-number": written?.number === undefined ? "" : String(written.number),
        "pull-request-url": url,
        "head-sha": written?.headOid ?? "",
        "files-changed": String(run?.plan.files.length ?? 0),
      },
      summary: url ? `${summary}\nPull request: ${link(`#${written!.number}`, url)}\n` : summary,
    };
  },
});
