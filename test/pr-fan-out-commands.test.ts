import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// The command of a PR fan-out template runs in each target's checkout as pr-fan-out.yml runs
// it: `bash -eo pipefail -c "$FLEET_COMMAND"`, with FLEET_TARGET, FLEET_PARAMETERS and
// FLEET_VALUES. Here it runs on a folder standing in for one target's checkout.

/** The `command` a template hands pr-fan-out.yml. */
function command(template: string): string {
  const workflow = parse(readFileSync(join("workflows", template), "utf8")) as {
    jobs: Record<string, { with?: { command?: string } }>;
  };
  const found = Object.values(workflow.jobs).find((j) => j.with?.command);
  if (!found) throw new Error(`${template} hands pr-fan-out no command`);
  return found.with!.command!;
}

interface CommandRun {
  code: number;
  output: string;
  values: string;
  read: (file: string) => string;
}

/** Runs the template's command in a fresh checkout holding `files`. */
function runIn(
  template: string,
  files: Record<string, string>,
  parameters: Record<string, unknown>,
  target: Record<string, unknown> = { name: "support-agent", owner: "acme", kind: "agent" },
): CommandRun {
  const checkout = mkdtempSync(join(tmpdir(), "fleet-command-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    writeFileSync(join(checkout, file), text);
  }
  const values = join(mkdtempSync(join(tmpdir(), "fleet-values-")), "fleet-values");
  writeFileSync(values, "");
  const run = spawnSync("bash", ["-eo", "pipefail", "-c", command(template)], {
    cwd: checkout,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      FLEET_VALUES: values,
      FLEET_TARGET: JSON.stringify(target),
      FLEET_PARAMETERS: JSON.stringify({ dry_run: true, repository: "", ...parameters }),
    },
  });
  return {
    code: run.status ?? 1,
    output: run.stdout + run.stderr,
    values: readFileSync(values, "utf8"),
    read: (file) => readFileSync(join(checkout, file), "utf8"),
  };
}

describe("workflows/bump-adl.yml's command", () => {
  it("moves the pin and tells the title what moved", () => {
    const run = runIn("bump-adl.yml", { ".adl-version": "0.9.2\n" }, { adl_version: "0.10.0" });
    expect(run.code, run.output).toBe(0);
    expect(run.read(".adl-version")).toBe("0.10.0\n");
    expect(run.values).toBe("to=0.10.0\nfrom=0.9.2\n");
  });

  it("leaves a target already at the version as it is, with no from= for the title", () => {
    const run = runIn("bump-adl.yml", { ".adl-version": "0.10.0" }, { adl_version: "v0.10.0" });
    expect(run.code, run.output).toBe(0);
    expect(run.read(".adl-version")).toBe("0.10.0");
    expect(run.values).toBe("to=0.10.0\n");
  });

  it("changes nothing in a target without .adl-version", () => {
    const run = runIn("bump-adl.yml", {}, { adl_version: "0.10.0" });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("::notice::No .adl-version in this repository");
    expect(() => run.read(".adl-version")).toThrow();
  });

  it("refuses what is not a version, without repeating it", () => {
    const run = runIn(
      "bump-adl.yml",
      { ".adl-version": "0.9.2\n" },
      { adl_version: "1.0.0\n::warning::x" },
    );
    expect(run.code).toBe(1);
    expect(run.output).toContain("::error::adl_version: found no version such as 0.10.0");
    expect(run.output).not.toContain("::warning::");
    expect(run.read(".adl-version")).toBe("0.9.2\n");
    expect(run.values).toBe("");
  });
});

describe("workflows/bump-codex.yml's command", () => {
  const ci = (pin: string) =>
    `jobs:\n  review:\n    steps:\n      - run: npm install -g @openai/codex@${pin} && codex --version\n`;

  it("moves every pin in the workflows, and a rerun finds nothing to move", () => {
    const files = {
      ".github/workflows/ci.yml": ci("0.40.0"),
      ".github/workflows/nightly.yaml": ci("0.41.1"),
      ".github/workflows/docs.yml": "jobs: {}\n",
    };
    const run = runIn("bump-codex.yml", files, { codex_version: "0.46.0" });
    expect(run.code, run.output).toBe(0);
    expect(run.read(".github/workflows/ci.yml")).toBe(ci("0.46.0"));
    expect(run.read(".github/workflows/nightly.yaml")).toBe(ci("0.46.0"));
    expect(run.read(".github/workflows/docs.yml")).toBe("jobs: {}\n");
    expect(run.values).toBe("to=0.46.0\nfrom=0.40.0\n");

    const rerun = runIn(
      "bump-codex.yml",
      { ".github/workflows/ci.yml": ci("0.46.0") },
      {
        codex_version: "0.46.0",
      },
    );
    expect(rerun.code, rerun.output).toBe(0);
    expect(rerun.read(".github/workflows/ci.yml")).toBe(ci("0.46.0"));
    expect(rerun.values).toBe("to=0.46.0\n");
  });

  it("changes nothing in a target that pins no Codex", () => {
    const run = runIn("bump-codex.yml", {}, { codex_version: "0.46.0" });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("::notice::No @openai/codex@X.Y.Z pin");
  });
});

describe("workflows/migrate-claude.yml's command", () => {
  const parameters = {
    reusable_workflow: "acme/.github/.github/workflows/claude.yml@v1",
    claude_code_version: "2.0.14",
  };
  const target = {
    name: "support-agent",
    owner: "acme",
    orchestrators: { claude: { model: "opus", "max-turns": 40 } },
  };

  it("writes a thin caller with the registry's model and turns, and says what moved", () => {
    const old =
      "on: issue_comment\njobs:\n  c:\n    steps:\n      - run: npm i -g @anthropic-ai/claude-code@1.0.3\n";
    const run = runIn(
      "migrate-claude.yml",
      { ".github/workflows/claude.yml": old },
      parameters,
      target,
    );
    expect(run.code, run.output).toBe(0);
    const written = run.read(".github/workflows/claude.yml");
    expect(parse(written)).toMatchObject({
      jobs: {
        claude: {
          uses: "acme/.github/.github/workflows/claude.yml@v1",
          with: { model: "opus", max_turns: 40, claude_code_version: "2.0.14" },
          secrets: { anthropic_api_key: "${{ secrets.ANTHROPIC_API_KEY }}" },
        },
      },
    });
    expect(run.values).toBe("to=2.0.14\nfrom=1.0.3\n");

    const rerun = runIn(
      "migrate-claude.yml",
      { ".github/workflows/claude.yml": written },
      parameters,
      target,
    );
    expect(rerun.code, rerun.output).toBe(0);
    expect(rerun.read(".github/workflows/claude.yml")).toBe(written);
    expect(rerun.values).toBe("to=2.0.14\n");
  });

  it("refuses a registry value that is not a plain name", () => {
    const bad = { ...target, orchestrators: { claude: { model: 'opus"\nx: y' } } };
    const run = runIn("migrate-claude.yml", {}, parameters, bad);
    expect(run.code).toBe(1);
    expect(run.output).toContain("::error::orchestrators.claude in repos.yaml");
  });
});
