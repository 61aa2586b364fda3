// Regenerates the reference of every reusable workflow in README.md, between `<!-- workflows -->`
// and `<!-- /workflows -->`, from .github/workflows/*.yml and the caller templates in workflows/:
// each workflow's inputs with their defaults, its secrets and the template secrets that fill
// them, the App permissions its tokens are minted with, what GITHUB_TOKEN must be granted, and
// the templates that call it with their schedule.
// `node scripts/workflow-tables.mjs` writes; `--check` exits 1 when README.md is stale.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const cell = (s) =>
  String(s ?? "")
    .trim()
    .replace(/\s*\n\s*/g, " ")
    .replace(/\|/g, "\\|");
const code = (s) => (s === undefined || s === "" ? "" : `\`${cell(s)}\``);
const ymlFiles = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".yml"))
    .sort();

/** `permission-issues: write` inputs of every App-token step, as `issues: write`. */
function appPermissions(workflow) {
  const found = new Set();
  for (const job of Object.values(workflow.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      if (!String(step.uses ?? "").startsWith("actions/create-github-app-token@")) continue;
      for (const [key, value] of Object.entries(step.with ?? {})) {
        const name = /^permission-(.+)$/.exec(key);
        if (name) found.add(`${name[1]}: ${value}`);
      }
    }
  }
  return [...found];
}

/** What the caller must grant GITHUB_TOKEN: the union of the jobs' `permissions:`. */
function tokenPermissions(workflow) {
  const found = new Set();
  for (const job of Object.values(workflow.jobs ?? {})) {
    for (const [scope, level] of Object.entries(job.permissions ?? {}))
      found.add(`${scope}: ${level}`);
  }
  return [...found];
}

/** The cron lines of a template, enabled or shipped commented out. */
function schedules(text) {
  const enabled = (parse(text).on?.schedule ?? []).map((s) => ({ cron: s.cron, enabled: true }));
  const disabled = [...text.matchAll(/^\s*#\s+-\s+cron:\s+"([^"]+)"/gm)].map((m) => ({
    cron: m[1],
    enabled: false,
  }));
  return [...enabled, ...disabled];
}

/** Every job of every template that calls `reusable`, with the secrets it passes. */
function callersOf(reusable, root) {
  const callers = [];
  for (const file of ymlFiles(join(root, "workflows"))) {
    const text = readFileSync(join(root, "workflows", file), "utf8");
    const template = parse(text);
    for (const [id, job] of Object.entries(template.jobs ?? {})) {
      if (!String(job.uses ?? "").includes(`/.github/workflows/${reusable}@`)) continue;
      callers.push({ file, id, secrets: job.secrets ?? {}, schedules: schedules(text) });
    }
  }
  return callers;
}

/** The source secret of `${{ secrets.NAME }}`, or the value as written. */
const secretSource = (value) => {
  const name = /^\$\{\{\s*secrets\.([\w-]+)\s*\}\}$/.exec(String(value).trim());
  return name ? name[1] : String(value);
};

/** The Markdown reference of one reusable workflow. */
export function workflowSection(file, root = ".") {
  const text = readFileSync(join(root, ".github", "workflows", file), "utf8");
  const workflow = parse(text);
  const call = workflow.on?.workflow_call ?? {};
  const callers = callersOf(file, root);
  const purpose = text
    .split("\n")
    .filter((l) => l.startsWith("#"))
    .map((l) => l.replace(/^#\s?/, ""))
    .join(" ")
    .split(/(?<=\.)\s/)[0];
  const lines = [
    `#### ${file.replace(/\.yml$/, "")}`,
    "",
    `\`.github/workflows/${file}\`: ${purpose}`,
    "",
  ];
  const inputs = Object.entries(call.inputs ?? {});
  if (inputs.length > 0) {
    lines.push("| input | type | default | description |", "| --- | --- | --- | --- |");
    for (const [name, i] of inputs) {
      const fallback = i.required
        ? "required"
        : code(i.default === undefined ? "" : String(i.default));
      lines.push(`| \`${name}\` | ${i.type} | ${fallback} | ${cell(i.description)} |`);
    }
    lines.push("");
  }
  const secrets = Object.entries(call.secrets ?? {});
  if (secrets.length > 0) {
    lines.push(
      "| secret | required | the templates pass | description |",
      "| --- | --- | --- | --- |",
    );
    for (const [name, s] of secrets) {
      const passed = callers
        .filter((c) => c.secrets[name] !== undefined)
        .map((c) => `\`${secretSource(c.secrets[name])}\` (${c.file})`);
      lines.push(
        `| \`${name}\` | ${s.required ? "yes" : "no"} | ${[...new Set(passed)].join(", ")} | ${cell(s.description)} |`,
      );
    }
    lines.push("");
  }
  const app = appPermissions(workflow);
  lines.push(
    `- App permissions, per matrix entry: ${app.length > 0 ? app.map(code).join(", ") : "none (no App token is minted)"}`,
    `- \`GITHUB_TOKEN\` permissions the caller must grant: ${tokenPermissions(workflow).map(code).join(", ")}`,
  );
  for (const caller of callers) {
    const crons = caller.schedules.map(
      (s) => `${code(s.cron)}${s.enabled ? "" : " (shipped commented out)"}`,
    );
    lines.push(
      `- Called by \`workflows/${caller.file}\` (job \`${caller.id}\`)${crons.length > 0 ? `, schedule ${crons.join(", ")}` : ", no schedule"}`,
    );
  }
  return lines.join("\n");
}

/** Every secret a caller template reads, with where it goes: the secrets an adopter sets. */
export function templateSecrets(root = ".") {
  const lines = ["| template | secret | given to |", "| --- | --- | --- |"];
  for (const file of ymlFiles(join(root, "workflows"))) {
    const template = parse(readFileSync(join(root, "workflows", file), "utf8"));
    for (const [id, job] of Object.entries(template.jobs ?? {})) {
      for (const [name, value] of Object.entries(
        typeof job.secrets === "object" ? job.secrets : {},
      )) {
        const callee = String(job.uses).replace(/^.*\/\.github\/workflows\/([^@]+)@.*$/, "$1");
        lines.push(
          `| \`workflows/${file}\` | \`${secretSource(value)}\` | \`${name}\` of ${callee} (job \`${id}\`) |`,
        );
      }
    }
  }
  return lines.join("\n");
}

/** README.md with its workflow reference regenerated. */
export function refreshWorkflowTables(readme, root = ".") {
  const sections = [
    `#### Secrets the templates read\n\n${templateSecrets(root)}`,
    ...ymlFiles(join(root, ".github", "workflows")).map((f) => workflowSection(f, root)),
  ];
  // Generated, not hand-aligned: prettier would re-pad the columns and the check would fail.
  const body = `<!-- prettier-ignore-start -->\n${sections.join("\n\n")}\n<!-- prettier-ignore-end -->`;
  return readme.replace(
    /<!-- workflows -->[\s\S]*?<!-- \/workflows -->/,
    `<!-- workflows -->\n${body}\n<!-- /workflows -->`,
  );
}

if (process.argv[1] && process.argv[1].endsWith("workflow-tables.mjs")) {
  const check = process.argv.includes("--check");
  const unknown = process.argv.slice(2).filter((a) => a !== "--check");
  if (unknown.length > 0) {
    console.error(`workflow-tables: found ${unknown.join(", ")}; allowed --check`);
    process.exit(2);
  }
  const before = readFileSync("README.md", "utf8");
  const after = refreshWorkflowTables(before);
  if (check && before !== after) {
    console.error(
      "README.md: the workflow reference is stale (run node scripts/workflow-tables.mjs)",
    );
    process.exit(1);
  }
  if (!check && before !== after) writeFileSync("README.md", after);
}
