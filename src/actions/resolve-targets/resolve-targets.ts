import { z } from "zod";
import { defineAction } from "../../core/action.ts";
import { input } from "../../core/inputs.ts";
import { MAX_MATRIX_JOBS } from "../../core/matrix.ts";
import { parseRegistry, RegistryError, type Registry } from "../../core/registry.ts";
import { webLinks, webRoot } from "../../core/web-links.ts";
import { readWorkspaceFile, workspaceRoot } from "../../core/workspace-file.ts";
import { describeSelection } from "./describe-selection.ts";
import { planSelection } from "./plan.ts";
import { renderSelection } from "./messages.ts";

/** The inputs, mirroring actions/resolve-targets/action.yml. */
export const schema = z.object({
  registry: input.string({ default: "repos.yaml" }),
  filter: input.string({ default: "true" }),
  repository: input.string(),
  "max-jobs": input.integer({
    default: MAX_MATRIX_JOBS,
    min: 1,
    max: MAX_MATRIX_JOBS,
  }),
});

/** repos.yaml + a filter (+ one target) -> the matrix of a fan-out job. No API, no token. */
export const action = defineAction({
  name: "resolve-targets",
  title: "Resolve targets",
  schema,
  async run(inputs, deps) {
    // Checked before anything is parsed, so that an error can never quote a file that is not
    // the user's registry (such as /proc/self/environ).
    const text = readWorkspaceFile("registry", inputs.registry, workspaceRoot(deps.env, deps.cwd));
    let registry: Registry;
    try {
      registry = parseRegistry(text, inputs.registry);
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      // One annotation per problem, so each shows on its own in the run's UI.
      for (const problem of error.problems) deps.log.error(problem);
      const n = error.problems.length;
      throw new Error(
        `${inputs.registry} has ${n} problem${n === 1 ? "" : "s"} (listed above); no target was selected`,
      );
    }
    const selection = planSelection(registry, {
      filter: inputs.filter,
      repository: inputs.repository,
      maxJobs: inputs["max-jobs"],
    });
    deps.log.info(describeSelection(selection, inputs.repository.trim()));
    return {
      outputs: {
        matrix: selection.matrix,
        count: String(selection.targets.length),
        targets: selection.targets,
        repositories: selection.targets.map((t) => t.repository).join(","),
      },
      repos: [],
      summary: renderSelection(selection, inputs.repository.trim(), webLinks(webRoot(deps.env))),
    };
  },
});
