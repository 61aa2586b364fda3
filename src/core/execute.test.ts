import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineAction } from "./action.ts";
import { systemClock } from "./clock.ts";
import { createClient } from "./client.ts";
import { memoryHost } from "../../test/helpers/host.ts";
import { executeAction } from "./execute.ts";
import { secretForms } from "./secret-forms.ts";
import { input, tokenInput } from "./inputs.ts";
import { memoryLogger } from "./logger.ts";

const secret = "ghs_supersecretvalue123";

function host(raw: Record<string, string>) {
  const t = memoryHost(raw);
  const everything = () => JSON.stringify([t.log.lines, t.outputs, t.summaries]);
  return { ...t, everything };
}

const deps = {
  clock: systemClock,
  env: {},
  cwd: process.cwd(),
  makeClient: (token: string, baseUrl: string) =>
    createClient({ token, baseUrl, log: memoryLogger() }),
};

const echo = defineAction({
  name: "echo",
  title: "Echo",
  schema: z.object({
    token: tokenInput(),
    "dry-run": input.boolean({ default: true }),
    fail: input.list(),
  }),
  run: async (inputs) => ({
    outputs: { seen: inputs.fail, leak: `token was ${inputs.token}` },
    repos: [
      { repository: "acme/a", status: "ok", planned: 2, done: 2, left: 0 },
      ...inputs.fail.map((r) => ({
        repository: r,
        status: "failed" as const,
        planned: 1,
        done: 0,
        left: 1,
        error: `boom with ${inputs.token}`,
      })),
    ],
  }),
});

describe("executeAction", () => {
  it("writes outputs (JSON for non-strings), the result and the summary; exit 0", async () => {
    const t = host({ token: secret, "dry-run": "false" });
    expect(await executeAction(echo, t.host, deps)).toBe(0);
    expect(t.outputs.seen).toBe("[]");
    expect(JSON.parse(t.outputs.result!)).toEqual([
      { repository: "acme/a", status: "ok", planned: 2, done: 2, left: 0 },
    ]);
    expect(t.summaries[0]).toContain("| [acme/a](https://github.com/acme/a) | ok | 2 | 0 |");
    // The secret and every form a server may echo it in (the runner masks literal strings).
    expect(t.masked).toEqual(secretForms(secret));
    expect(t.masked).toContain(secret);
    expect(t.masked).toContain(
      Buffer.from(secret)
        .toString("base64")
        .slice(0, Math.floor((secret.length * 8) / 6)),
    );
  });

  it("exits 1 with ::error:: per failed repository, and never shows the token", async () => {
    const t = host({ token: secret, fail: "acme/b" });
    expect(await executeAction(echo, t.host, deps)).toBe(1);
    expect(t.log.lines).toContainEqual({ level: "error", message: "acme/b: boom with ***" });
    expect(t.summaries[0]).toContain("(dry run: nothing was changed)");
    expect(t.everything()).not.toContain(secret);
  });

  it("fails on invalid inputs before running, naming the input", async () => {
    const t = host({ token: secret, "dry-run": "yes" });
    expect(await executeAction(echo, t.host, deps)).toBe(1);
    expect(t.log.lines).toEqual([
      { level: "error", message: "echo: Input 'dry-run': found 'yes', allowed true or false" },
    ]);
    expect(t.outputs).toEqual({});
  });

  it("still writes the summary when run() throws", async () => {
    const t = host({ token: secret });
    const throwing = {
      ...echo,
      run: async () => Promise.reject(new Error(`board missing for ${secret}`)),
    };
    expect(await executeAction(throwing, t.host, deps)).toBe(1);
    expect(t.log.lines).toContainEqual({ level: "error", message: "echo: board missing for ***" });
    expect(t.summaries).toHaveLength(1);
  });
});
