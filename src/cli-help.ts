import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import type { ActionSpec } from "./core/action.ts";
import { defaultInWords, inputMeta } from "./core/inputs.ts";

const root = resolve(import.meta.dirname, "..");

/** What the CLI shows of an action's action.yml: the texts written for people. */
interface Manifest {
  description: string;
  inputs: Record<string, { description?: string }>;
}

/** The actions the CLI can run: those with both an action.yml and a source folder. */
export function actionNames(): string[] {
  return readdirSync(join(root, "src", "actions"))
    .filter(
      (name) =>
        existsSync(join(root, "src", "actions", name, `${name}.ts`)) &&
        existsSync(join(root, "actions", name, "action.yml")),
    )
    .sort();
}

/** The source file that defines the action `name`. */
export function actionFile(name: string): string {
  return join(root, "src", "actions", name, `${name}.ts`);
}

function manifest(name: string): Manifest {
  const text = readFileSync(join(root, "actions", name, "action.yml"), "utf8");
  return parse(text) as Manifest;
}

/** `text` in lines of at most `width` columns (a longer word keeps a line of its own). */
function wrap(text: string, indent: string, width = 96): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(indent + line);
  return lines;
}

/** The `actions:` part of `fleet --help`: every action with the description of its action.yml. */
export function actionsHelp(): string {
  const names = actionNames();
  const column = Math.max(...names.map((n) => n.length)) + 4;
  const lines = ["actions (fleet <action> --help lists an action's inputs):"];
  for (const name of names) {
    const [first, ...rest] = wrap(manifest(name).description, " ".repeat(column));
    lines.push(`  ${name.padEnd(column - 2)}${first!.trimStart()}`, ...rest);
  }
  return lines.join("\n");
}

/**
 * `fleet <action> --help`: the action's description, then each input with its description
 * (from action.yml), its default and the values it accepts. Default and accepted values come
 * from the schema that validates the input, so the help cannot promise what validation refuses.
 */
export function actionHelp(spec: ActionSpec): string {
  const { description, inputs } = manifest(spec.name);
  const lines = [
    `fleet ${spec.name}: ${spec.title}`,
    "",
    ...wrap(description, ""),
    "",
    `usage: fleet ${spec.name} [--<input> value ...]`,
    "",
    "inputs:",
  ];
  for (const [name, field] of Object.entries(spec.schema.shape)) {
    const meta = inputMeta(field);
    const byDefault = meta ? defaultInWords(meta) : undefined;
    const facts = [
      meta?.required && byDefault === undefined ? "required" : undefined,
      meta?.secret ? "secret" : undefined,
    ].filter((f) => f !== undefined);
    lines.push(`  --${name}${facts.length > 0 ? ` (${facts.join(", ")})` : ""}`);
    lines.push(...wrap(inputs[name]?.description ?? "", "      "));
    if (meta?.allowed) lines.push(...wrap(`allowed: ${meta.allowed}`, "      "));
    if (byDefault) lines.push(...wrap(`default: ${byDefault}`, "      "));
  }
  return lines.join("\n");
}
