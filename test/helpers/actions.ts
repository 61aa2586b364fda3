import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ActionSpec } from "../../src/core/action.ts";

const root = resolve(import.meta.dirname, "..", "..");

/** Folder names of the actions that have an entry point (src/actions/<name>/main.ts). */
export function actionNames(): string[] {
  return readdirSync(join(root, "src", "actions"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, "src", "actions", d.name, "main.ts")))
    .map((d) => d.name)
    .sort();
}

/** The ActionSpec an action exports as `action` from src/actions/<name>/<name>.ts. */
export async function loadAction(name: string): Promise<ActionSpec> {
  const mod = (await import(join(root, "src", "actions", name, `${name}.ts`))) as {
    action: ActionSpec;
  };
  return mod.action;
}
