import { mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testDeps } from "../../../test/helpers/deps.ts";
import { runInMemory } from "../../../test/helpers/host.ts";
import { readInputs } from "../../core/inputs.ts";
import { action, schema } from "./resolve-targets.ts";

const cwd = mkdtempSync(join(tmpdir(), "fleet-resolve-"));
writeFileSync(
  join(cwd, "repos.yaml"),
  [
    "owner: acme",
    "targets:",
    "  - { name: python-sdk, kind: sdk, meta: { team: sdk } }",
    "  - { name: support-agent, kind: agent, orchestrators: { claude: { model: opus } } }",
    "  - { name: cli, kind: none }",
  ].join("\n"),
);
writeFileSync(join(cwd, "broken.yaml"), "owner: acme\ntargets:\n  - { name: a }\n  - nme: b\n");

/** Runs the action as the runner would, with inputs as raw strings, keeping what it writes. */
async function execute(inputs: Record<string, string>) {
  const { code, outputs, summary, log } = await runInMemory(action, inputs, testDeps({ cwd }));
  return { code, outputs, summary, log: log.lines };
}

describe("resolve-targets", () => {
  it("has the defaults action.yml declares", () => {
    expect(readInputs(schema, () => "", {})).toEqual({
      registry: "repos.yaml",
      filter: "true",
      repository: "",
      "max-jobs": 256,
    });
  });

  it("writes the matrix, count, targets and repositories of the selection", async () => {
    const run = await execute({ filter: "kind != 'none'" });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs.matrix!)).toEqual({
      include: [
        {
          name: "python-sdk",
          owner: "acme",
          kind: "sdk",
          repository: "acme/python-sdk",
          repositories: "acme/python-sdk",
          names: "python-sdk",
          orchestrators: {},
          meta: { team: "sdk" },
        },
        {
          name: "support-agent",
          owner: "acme",
          kind: "agent",
          repository: "acme/support-agent",
          repositories: "acme/support-agent",
          names: "support-agent",
          orchestrators: { claude: { model: "opus" } },
          meta: {},
        },
      ],
    });
    expect(run.outputs.count).toBe("2");
    expect(run.outputs.repositories).toBe("acme/python-sdk,acme/support-agent");
    expect(JSON.parse(run.outputs.targets!)[1]).toEqual({
      name: "support-agent",
      owner: "acme",
      kind: "agent",
      repository: "acme/support-agent",
      orchestrators: { claude: { model: "opus" } },
      meta: {},
    });
    expect(run.outputs.result).toBe("[]");
    expect(run.summary).toContain("2 of 3 targets selected by `kind != 'none'` in 2 jobs.");
    expect(run.summary).toContain(
      "| [acme/support-agent](https://github.com/acme/support-agent) | agent | support-agent |",
    );
  });

  it("says in the summary how many the filter selected and how many the repository input kept", async () => {
    const run = await execute({ filter: "kind != 'none'", repository: "support-agent" });
    expect(run.outputs.count).toBe("1");
    expect(run.summary).toContain(
      "2 of 3 targets selected by `kind != 'none'`, narrowed to 1 by repository 'support-agent', in 1 job.",
    );
  });

  it("writes count 0 and an empty matrix when nothing is selected", async () => {
    const run = await execute({ filter: "kind == 'website'" });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ count: "0", matrix: '{"include":[]}', repositories: "" });
  });

  it("shards into max-jobs entries", async () => {
    const run = await execute({ "max-jobs": "1" });
    expect(JSON.parse(run.outputs.matrix!).include).toEqual([
      {
        name: "acme-1-of-1",
        owner: "acme",
        repositories: "acme/python-sdk,acme/support-agent,acme/cli",
        names: "python-sdk,support-agent,cli",
      },
    ]);
    expect(run.outputs.count).toBe("3");
    expect(run.summary).toContain("in 1 job (shards of one owner each)");
  });

  it("fails with one error per registry problem, each with file:line:col", async () => {
    const run = await execute({ registry: "broken.yaml" });
    expect(run.code).toBe(1);
    expect(run.log.filter((l) => l.level === "error").map((l) => l.message)).toEqual([
      "broken.yaml:3:5: targets[0].kind: found nothing, allowed a kind (a word such as sdk)",
      "broken.yaml:4:5: targets[1].name: found nothing, allowed a GitHub repository name: letters, digits, '.', '_' and '-', at most 100 characters, not '.' or '..'",
      "broken.yaml:4:5: targets[1].kind: found nothing, allowed a kind (a word such as sdk)",
      "broken.yaml:4:5: targets[1].nme: found unknown key 'nme', allowed the keys name, owner, kind, orchestrators, meta (did you mean 'name'?)",
      "resolve-targets: broken.yaml has 4 problems (listed above); no target was selected",
    ]);
    expect(run.outputs.matrix).toBeUndefined();
  });

  it("fails on a missing registry, naming the path as given", async () => {
    const run = await execute({ registry: "nope.yaml" });
    expect(run.code).toBe(1);
    expect(run.log[0]!.message).toBe(
      `resolve-targets: registry: found 'nope.yaml', which does not exist (looked for ${join(realpathSync(cwd), "nope.yaml")}); allowed a path inside the workspace (${cwd}), relative to it, to a file fleet may read`,
    );
  });

  it.each<[Record<string, string>, string]>([
    [
      { filter: "team == 'sdk'" },
      `resolve-targets: filter "team == 'sdk'": unknown name 'team' at column 1; names allowed: name, owner, kind, repository, orchestrators, meta`,
    ],
    [
      { repository: "python-skd" },
      "resolve-targets: Input 'repository': found 'python-skd', allowed a target the filter selects; closest: python-sdk",
    ],
    [
      { "max-jobs": "300" },
      "resolve-targets: Input 'max-jobs': found '300', allowed a whole number from 1 to 256",
    ],
  ])("fails loud on %j", async (inputs, message) => {
    const run = await execute(inputs);
    expect(run.code).toBe(1);
    expect(run.log.filter((l) => l.level === "error").map((l) => l.message)).toEqual([message]);
  });
});
