import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { inputMeta } from "../src/core/inputs.ts";
import { actionNames, loadAction } from "./helpers/actions.ts";

interface Manifest {
  name?: string;
  description?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string }>;
  runs?: { using?: string; main?: string };
}

const manifest = (name: string): Manifest =>
  parse(readFileSync(join("actions", name, "action.yml"), "utf8")) as Manifest;

// action.yml is what users read and what the runner applies defaults from; the zod schema is
// what the code reads. They must say the same thing, input for input.
describe.each(actionNames())("actions/%s/action.yml", (name) => {
  it("runs the committed bundle on node24", () => {
    expect(manifest(name).runs).toEqual({ using: "node24", main: "dist/index.cjs" });
  });

  it("declares exactly the schema's inputs, with the same defaults", async () => {
    const spec = await loadAction(name);
    const declared = manifest(name).inputs ?? {};
    expect(Object.keys(declared).sort()).toEqual(Object.keys(spec.schema.shape).sort());
    for (const [input, field] of Object.entries(spec.schema.shape)) {
      const meta = inputMeta(field);
      expect(meta, `${input} is built with input.*`).toBeDefined();
      const yml = declared[input]!;
      expect(yml.description, `${input} has a description`).toBeTruthy();
      expect(
        yml.default === undefined ? undefined : String(yml.default),
        `${input} default`,
      ).toEqual(meta!.default);
      expect(yml.required === true, `${input} required`).toBe(
        meta!.required && meta!.default === undefined,
      );
    }
  });

  it("describes every output", () => {
    for (const [output, o] of Object.entries(manifest(name).outputs ?? {})) {
      expect(o.description, `${output} has a description`).toBeTruthy();
    }
  });
});
