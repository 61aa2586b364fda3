// Regenerates the inputs and outputs tables of every actions/<name>/README.md from its
// action.yml, between `<!-- inputs -->`/`<!-- /inputs -->` and `<!-- outputs -->`/`<!-- /outputs -->`.
// `node scripts/readme-tables.mjs [NAME...]` writes (only the named actions' READMEs when names
// are given); `--check` exits 1 naming the READMEs that are stale; a bad argument exits 2.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const cell = (s) =>
  String(s ?? "")
    .trim()
    .replace(/\s*\n\s*/g, " ")
    .replace(/\|/g, "\\|");

/** The markdown tables for one action.yml. */
export function tables(manifest) {
  const inputs = Object.entries(manifest.inputs ?? {}).map(
    ([name, i]) =>
      `| \`${name}\` | ${i.required ? "yes" : "no"} | ${i.default === undefined ? "" : `\`${cell(i.default)}\``} | ${cell(i.description)} |`,
  );
  const outputs = Object.entries(manifest.outputs ?? {}).map(
    ([name, o]) => `| \`${name}\` | ${cell(o.description)} |`,
  );
  return {
    inputs: [
      "| input | required | default | description |",
      "| --- | --- | --- | --- |",
      ...inputs,
    ].join("\n"),
    outputs: ["| output | description |", "| --- | --- |", ...outputs].join("\n"),
  };
}

/** The README with its tables replaced; unchanged text when it has no markers. */
export function refresh(readme, manifest) {
  const t = tables(manifest);
  let out = readme;
  for (const kind of ["inputs", "outputs"]) {
    const pattern = new RegExp(`<!-- ${kind} -->[\\s\\S]*?<!-- /${kind} -->`);
    // Generated, not hand-aligned: prettier would re-pad the columns and the check would fail.
    const body = `<!-- prettier-ignore-start -->\n${t[kind]}\n<!-- prettier-ignore-end -->`;
    out = out.replace(pattern, `<!-- ${kind} -->\n${body}\n<!-- /${kind} -->`);
  }
  return out;
}

/** The actions under `root/actions` that have both an action.yml and a README.md. */
function documentedActions(root) {
  const dir = join(root, "actions");
  return readdirSync(dir)
    .filter((n) => existsSync(join(dir, n, "action.yml")) && existsSync(join(dir, n, "README.md")))
    .sort();
}

/**
 * Refreshes (or with `check`, only compares) the READMEs of `names`, or of every action when
 * none is named. Returns the READMEs that were stale, or the problem with the arguments.
 */
export function refreshReadmes(args, root = ".") {
  const flags = args.filter((a) => a.startsWith("-"));
  const unknownFlags = flags.filter((f) => f !== "--check");
  if (unknownFlags.length > 0)
    return {
      problem: `unknown option ${unknownFlags.join(", ")}; allowed --check and action names`,
    };
  const available = documentedActions(root);
  const named = args.filter((a) => !a.startsWith("-"));
  const unknown = named.filter((n) => !available.includes(n));
  if (unknown.length > 0) {
    const which = unknown.map((n) => `'${n}'`).join(", ");
    return {
      problem: `found ${which}, not an action with an action.yml and a README.md; allowed ${available.join(", ")}`,
    };
  }
  const stale = [];
  for (const name of named.length > 0 ? named : available) {
    const md = join(root, "actions", name, "README.md");
    const before = readFileSync(md, "utf8");
    const after = refresh(
      before,
      parse(readFileSync(join(root, "actions", name, "action.yml"), "utf8")),
    );
    if (before !== after) {
      stale.push(join("actions", name, "README.md"));
      if (!flags.includes("--check")) writeFileSync(md, after);
    }
  }
  return { stale };
}

if (process.argv[1] && process.argv[1].endsWith("readme-tables.mjs")) {
  const args = process.argv.slice(2);
  const result = refreshReadmes(args);
  if (result.problem) {
    console.error(`readme-tables: ${result.problem}`);
    process.exit(2);
  }
  if (args.includes("--check") && result.stale.length > 0) {
    console.error(`stale tables (run node scripts/readme-tables.mjs): ${result.stale.join(", ")}`);
    process.exit(1);
  }
}
