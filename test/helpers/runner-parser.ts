import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
} from "@actions/workflow-parser";
import { convertActionTemplate, parseAction } from "@actions/workflow-parser/actions/index";
import { ErrorPolicy } from "@actions/workflow-parser/model/convert";
import type { FileProvider } from "@actions/workflow-parser/workflows/file-provider";
import type { FileReference } from "@actions/workflow-parser/workflows/file-reference";
import { HOME } from "./home.ts";

// What GitHub's own workflow service makes of fleet's files: the parser the service and the
// VS Code extension use, not a linter's idea of it.

const trace = new NoOperationTraceWriter();

/** The errors the runner reports when it loads this action manifest; empty when it loads. */
export function actionErrors(name: string, content: string): string[] {
  const parsed = parseAction({ name, content }, trace);
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (errors.length > 0 || !parsed.value) return errors.length > 0 ? errors : [`${name}: empty`];
  const template = convertActionTemplate(parsed.context, parsed.value, {
    errorPolicy: ErrorPolicy.ReturnErrorsOnly,
  });
  return [
    ...parsed.context.errors.getErrors().map((e) => e.message),
    ...(template.runs.using === "node24" ? [] : [`${name}: runs.using is ${template.runs.using}`]),
  ];
}

/**
 * Resolves `<HOME>/<path>@<ref>` from this checkout, so that a caller template is
 * checked against the reusable workflow of the same tree; any other remote file is an error.
 */
export function checkoutFiles(root = "."): FileProvider {
  return {
    getFileContent(ref: FileReference) {
      if ("repository" in ref && `${ref.owner}/${ref.repository}` !== HOME) {
        return Promise.reject(new Error(`not in this checkout: ${ref.owner}/${ref.repository}`));
      }
      return Promise.resolve({
        name: ref.path,
        content: readFileSync(join(root, ref.path), "utf8"),
      });
    },
  };
}

/**
 * The errors the workflow service reports when it loads this workflow, the reusable
 * workflows it calls included (their inputs, secrets and outputs are checked against the
 * caller's `with:` and `secrets:`); empty when it loads.
 */
export async function workflowErrors(
  name: string,
  content: string,
  files: FileProvider = checkoutFiles(),
): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, trace);
  if (!parsed.value) return parsed.context.errors.getErrors().map((e) => e.message);
  const template = await convertWorkflowTemplate(parsed.context, parsed.value, files, {
    fetchReusableWorkflowDepth: 1,
    errorPolicy: ErrorPolicy.TryConversion,
  });
  const messages = [
    ...parsed.context.errors.getErrors().map((e) => e.message),
    ...(template.errors ?? []).map((e) => e.Message),
  ];
  return [...new Set(messages)];
}
