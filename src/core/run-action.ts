import * as core from "@actions/core";
import type { ActionSpec } from "./action.ts";
import { systemClock } from "./clock.ts";
import { createClient } from "./client.ts";
import { executeAction } from "./execute.ts";
import type { InputSchema } from "./inputs.ts";
import { actionsLogger } from "./logger.ts";
import { timingsFromEnv } from "./timings-env.ts";

/** The entry point of every action bundle: runs `spec` on the Actions runner and sets the exit code. */
export async function runAction<S extends InputSchema>(spec: ActionSpec<S>): Promise<void> {
  const env = process.env;
  process.exitCode = await executeAction(
    spec,
    {
      log: actionsLogger,
      getInput: (name) => core.getInput(name),
      setSecret: (value) => core.setSecret(value),
      setOutput: (name, value) => core.setOutput(name, value),
      writeSummary: async (markdown) => {
        // Off a runner (no summary file) the summary goes to the log instead of failing.
        if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
        else core.info(markdown);
      },
    },
    {
      clock: systemClock,
      env,
      cwd: process.cwd(),
      makeClient: (token, baseUrl, limits) =>
        createClient({
          token,
          baseUrl,
          log: actionsLogger,
          timings: { ...timingsFromEnv(env), ...limits },
          env,
        }),
    },
  );
}
