import { z } from "zod";

/** What action.yml says of one input; a test keeps action.yml and the schema equal. */
export interface InputMeta {
  /** The default exactly as action.yml writes it (`${{ github.token }}` included). */
  default?: string;
  required: boolean;
  secret: boolean;
}

const metas = new WeakMap<z.ZodType, InputMeta>();

/** The action.yml facts recorded for a schema field built with `input.*`. */
export function inputMeta(field: z.ZodType): InputMeta | undefined {
  return metas.get(field);
}

/** A long input value as an error shows it: its start and its length, not 70 KB of it. */
const shorten = (value: string) =>
  value.length > 200 ? `${value.slice(0, 100)}... (${value.length} characters)` : value;

type Parse<T> = (raw: string) => { ok: true; value: T } | { ok: false; allowed: string };

/**
 * One input: a raw string (empty when unset) parsed into T. An unset optional input
 * without a default parses to `empty` (undefined unless the builder gives one, [] for lists).
 */
function field<T>(meta: Partial<InputMeta>, parse: Parse<T>, empty?: T) {
  const schema = z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      // A `${{ github.* }}` default is the runner's to fill (readInputs does it off a runner).
      const fallback = meta.default?.startsWith("${{") ? "" : (meta.default ?? "");
      const value = (raw ?? "").trim() === "" ? fallback : (raw ?? "");
      if (value.trim() === "") {
        if (meta.required) ctx.issues.push({ code: "custom", message: "is required", input: raw });
        return empty as T;
      }
      const parsed = parse(value);
      if (parsed.ok) return parsed.value;
      ctx.issues.push({
        code: "custom",
        message: `found '${shorten(value)}', allowed ${parsed.allowed}`,
        input: raw,
      });
      return z.NEVER;
    });
  metas.set(schema, { required: false, secret: false, ...meta });
  return schema;
}

/** How deep a JSON input may nest unless its builder says otherwise. */
export const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of a parsed JSON value (a scalar is 0, `{}` is 1), counted without
 * recursion and given up past `limit` (it returns `limit + 1` then).
 */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth + 1 > limit) return limit + 1;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Splits a list input on commas and newlines, trimmed, empties dropped. */
export function splitList(raw: string): string[] {
  return raw
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** GitHub's `owner/name` shape. */
export const repositoryPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** Builders for action inputs; each mirrors one `inputs:` entry of action.yml. */
export const input = {
  /** Free text. */
  string: (o: { default?: string; required?: boolean } = {}) =>
    field<string>(o, (raw) => ({ ok: true, value: raw }), ""),

  /** A secret (token); masked before anything is logged. */
  secret: (o: { default?: string; required?: boolean } = {}) =>
    field<string>({ ...o, secret: true }, (raw) => ({ ok: true, value: raw.trim() }), ""),

  /** `true` or `false`, nothing else (YAML's yes/on are typos here, not truths). */
  boolean: (o: { default: boolean }) =>
    field<boolean>({ default: String(o.default) }, (raw) =>
      raw === "true" || raw === "false"
        ? { ok: true, value: raw === "true" }
        : { ok: false, allowed: "true or false" },
    ),

  /** A whole number within bounds. */
  integer: (o: { default?: number; min: number; max: number; required?: boolean }) =>
    field<number>(
      {
        default: o.default === undefined ? undefined : String(o.default),
        required: o.required ?? false,
      },
      (raw) => {
        const n = Number(raw.trim());
        return /^-?\d+$/.test(raw.trim()) && n >= o.min && n <= o.max
          ? { ok: true, value: n }
          : { ok: false, allowed: `a whole number from ${o.min} to ${o.max}` };
      },
    ),

  /** One of a fixed set of words. */
  choice: <const T extends string>(values: readonly T[], o: { default?: T } = {}) =>
    field<T>({ default: o.default }, (raw) =>
      (values as readonly string[]).includes(raw.trim())
        ? { ok: true, value: raw.trim() as T }
        : { ok: false, allowed: `one of ${values.join(", ")}` },
    ),

  /** A comma- or newline-separated list. */
  list: (o: { default?: string; required?: boolean } = {}) =>
    field<string[]>(o, (raw) => ({ ok: true, value: splitList(raw) }), []),

  /** `owner/name` entries, comma- or newline-separated; names kept exactly as given. */
  repositories: (o: { default?: string; required?: boolean } = { required: true }) =>
    field<string[]>(o, (raw) => {
      const list = splitList(raw);
      const bad = list.filter((r) => !repositoryPattern.test(r));
      if (list.length === 0 || bad.length > 0) {
        return { ok: false, allowed: "owner/name entries separated by commas or newlines" };
      }
      return { ok: true, value: [...new Set(list)] };
    }),

  /** A JSON object. */
  /**
   * A JSON object, bounded before anything is sent: top-level keys, nesting depth (a payload
   * nested thousands deep breaks whoever reads it) and serialized size in UTF-8 bytes.
   */
  jsonObject: (
    o: { default?: string; maxKeys?: number; maxDepth?: number; maxBytes?: number } = {},
  ) =>
    field<Record<string, unknown>>({ default: o.default }, (raw) => {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        return { ok: false, allowed: `a JSON object (${(error as Error).message})` };
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return { ok: false, allowed: "a JSON object" };
      }
      const keys = Object.keys(value).length;
      if (o.maxKeys !== undefined && keys > o.maxKeys) {
        return {
          ok: false,
          allowed: `a JSON object of at most ${o.maxKeys} top-level keys (found ${keys})`,
        };
      }
      const maxDepth = o.maxDepth ?? MAX_JSON_DEPTH;
      const depth = jsonDepth(value, maxDepth);
      if (depth > maxDepth) {
        return {
          ok: false,
          allowed: `a JSON object nested at most ${maxDepth} deep (found deeper)`,
        };
      }
      const bytes = Buffer.byteLength(JSON.stringify(value));
      if (o.maxBytes !== undefined && bytes > o.maxBytes) {
        return {
          ok: false,
          allowed: `a JSON object of at most ${o.maxBytes} bytes serialized (found ${bytes})`,
        };
      }
      return { ok: true, value: value as Record<string, unknown> };
    }),

  /** An http(s) URL. */
  url: (o: { default?: string; required?: boolean } = {}) =>
    field<string>(o, (raw) => {
      try {
        const u = new URL(raw.trim());
        if (u.protocol === "https:" || u.protocol === "http:") {
          return { ok: true, value: raw.trim().replace(/\/+$/, "") };
        }
      } catch {
        // not a URL at all: reported below with what is allowed
      }
      return { ok: false, allowed: "an http(s) URL" };
    }),
};

/** The `token` input every API action has. */
export const tokenInput = () => input.secret({ default: "${{ github.token }}", required: true });
/** The `api-url` input every API action has. */
export const apiUrlInput = () => input.url({ default: "${{ github.api_url }}", required: true });

/** An action's inputs: a zod object whose keys are action.yml's kebab-case names. */
export type InputSchema = z.ZodObject<Record<string, z.ZodType<unknown, string | undefined>>>;

/** Thrown when inputs are invalid: one line per input, naming it, what was found and what is allowed. */
export class InputError extends Error {
  override readonly name = "InputError";
}

const contextDefaults: Record<string, (env: NodeJS.ProcessEnv) => string | undefined> = {
  "${{ github.token }}": (env) => env.GITHUB_TOKEN ?? env.GH_TOKEN,
  "${{ github.api_url }}": (env) => env.GITHUB_API_URL ?? "https://api.github.com",
  "${{ github.repository }}": (env) => env.GITHUB_REPOSITORY,
  "${{ github.server_url }}": (env) => env.GITHUB_SERVER_URL ?? "https://github.com",
};

/**
 * Reads and validates an action's inputs. `getInput(name)` returns the raw value ('' when
 * unset). A default that is a `${{ github.* }}` expression is filled in by the runner; when
 * the action runs elsewhere (the CLI, a bundle spawned by a test) it comes from the same
 * environment variables the runner sets.
 */
export function readInputs<S extends InputSchema>(
  schema: S,
  getInput: (name: string) => string,
  env: NodeJS.ProcessEnv,
): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [name, fieldSchema] of Object.entries(schema.shape)) {
    let value = getInput(name);
    const fallback = inputMeta(fieldSchema)?.default;
    if (value.trim() === "" && fallback !== undefined && contextDefaults[fallback]) {
      value = contextDefaults[fallback](env) ?? "";
    }
    raw[name] = value;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `Input '${i.path.join(".")}': ${i.message}`);
  throw new InputError(lines.join("\n"));
}

/** Names of the secret inputs of a schema. */
export function secretInputs(schema: InputSchema): string[] {
  return Object.entries(schema.shape)
    .filter(([, s]) => inputMeta(s)?.secret)
    .map(([name]) => name);
}
