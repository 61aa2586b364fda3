// Regenerates the inputs and outputs tables of every actions/<name>/README.md from its
// action.yml, between `<!-- inputs -->`/`<!-- /inputs -->` and `<!-- outputs -->`/`<!-- /outputs -->`.
// `node scripts/readme-tables.mjs` writes; `--check` exits 1 naming the READMEs that are stale.
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

if (process.argv[1] && process.argv[1].endsWith("readme-tables.mjs")) {
  const check = process.argv.includes("--check");
  const stale = [];
  for (const name of readdirSync("actions")) {
    const yml = join("actions", name, "action.yml");
    const md = join("actions", name, "README.md");
    if (!existsSync(yml) || !existsSync(md)) continue;
    const before = readFileSync(md, "utf8");
    const after = refresh(before, parse(readFileSync(yml, "utf8")));
    if (before !== after) {
      stale.push(md);
      if (!check) writeFileSync(md, after);
    }
  }
  if (check && stale.length > 0) {
    console.error(`stale tables (run node scripts/readme-tables.mjs): ${stale.join(", ")}`);
    process.exit(1);
  }
}
