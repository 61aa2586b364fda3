import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import formats from "ajv-formats";

/** The parts of an OpenAPI 3.0 document the checks read. */
interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: unknown;
}
interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { content?: Record<string, { schema?: unknown }> } | { $ref: string };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> } | { $ref: string }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
}

/** One difference between an exchange and GitHub's description of the operation. */
export interface Difference {
  /** `request` (parameters, body), `status` (undocumented) or `response` (body schema). */
  part: "request" | "status" | "response";
  /** Where in the request or body, JSON-pointer style (`/0/actor`); empty for the whole. */
  at: string;
  message: string;
}

/** The simulator's `{name+}` tail parameters are plain `{name}` in GitHub's paths. */
export const documentedPath = (pattern: string) => pattern.replace(/\{(\w+)\+\}/g, "{$1}");

const REF = "gh";

/**
 * GitHub's REST description, as @octokit/openapi publishes it, compiled lazily per
 * operation: each request's parameters and JSON body and each response's body are checked
 * with the schemas GitHub gives them, and each status against the documented ones.
 */
export class GitHubDescription {
  private readonly doc: Document;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction | null>();

  constructor() {
    const require = createRequire(import.meta.url);
    const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
    // References point into one shared document registered under its own id.
    const text = readFileSync(file, "utf8").replace(/"\$ref":\s*"#\//g, `"$ref":"${REF}#/`);
    this.doc = JSON.parse(text, (_key, value: unknown) => jsonSchemaNullable(value)) as Document;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    // Formats (date-time, uri, email...) are checked too, with ajv-formats. Its CommonJS
    // typings describe the default import as the module object; at runtime it is the plugin.
    (formats as unknown as (ajv: Ajv) => void)(this.ajv);
    this.ajv.addSchema({ $id: REF, components: this.doc.components });
  }

  /** The documented operation for a method and simulator route pattern, if any. */
  operation(method: string, pattern: string): Operation | undefined {
    return this.doc.paths[documentedPath(pattern)]?.[method.toLowerCase()];
  }

  private resolve<T>(value: T | { $ref: string }): T {
    if (value && typeof value === "object" && "$ref" in value) {
      const parts = value.$ref.replace(`${REF}#/`, "").split("/");
      let node: unknown = this.doc;
      for (const p of parts) node = (node as Record<string, unknown>)[p];
      return node as T;
    }
    return value as T;
  }

  private validator(key: string, schema: unknown): ValidateFunction | null {
    if (!this.compiled.has(key))
      this.compiled.set(key, schema === undefined ? null : this.ajv.compile(schema as object));
    return this.compiled.get(key) ?? null;
  }

  private errors(
    part: Difference["part"],
    prefix: string,
    errors: ErrorObject[] | null | undefined,
  ) {
    return (errors ?? []).map((e) => ({
      part,
      at: `${prefix}${e.instancePath}`,
      message: `${e.message ?? "invalid"}${e.params && Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : ""}`,
    }));
  }

  /** Path and query parameters (sent as strings, read as their schema's type) and the JSON body. */
  checkRequest(
    method: string,
    pattern: string,
    request: { params: Record<string, string>; query: Record<string, string>; body: unknown },
  ): Difference[] {
    const op = this.operation(method, pattern);
    if (!op) return [{ part: "request", at: "", message: "not a documented operation" }];
    const out: Difference[] = [];
    const declared = (op.parameters ?? []).map((p) => this.resolve(p));
    for (const p of declared.filter((x) => x.in === "path" || x.in === "query")) {
      const raw = (p.in === "path" ? request.params : request.query)[p.name];
      if (raw === undefined) {
        if (p.required) out.push({ part: "request", at: `${p.in}.${p.name}`, message: "missing" });
        continue;
      }
      const check = this.validator(`${method} ${pattern} ${p.in}.${p.name}`, p.schema);
      const value = coerce(raw, p.schema as { type?: string });
      if (check && !check(value))
        out.push(...this.errors("request", `${p.in}.${p.name}`, check.errors));
    }
    const known = new Set(declared.filter((x) => x.in === "query").map((x) => x.name));
    for (const name of Object.keys(request.query))
      if (!known.has(name))
        out.push({ part: "request", at: `query.${name}`, message: "not a documented parameter" });
    const body = op.requestBody ? this.resolve(op.requestBody) : undefined;
    const schema = body?.content?.["application/json"]?.schema;
    if (request.body !== undefined) {
      if (!schema)
        out.push({ part: "request", at: "body", message: "the operation takes no JSON body" });
      else {
        const check = this.validator(`${method} ${pattern} body`, schema);
        if (check && !check(request.body))
          out.push(...this.errors("request", "body", check.errors));
      }
    }
    return out;
  }

  /** The status against the documented ones, and the body against that status's schema. */
  checkResponse(method: string, pattern: string, status: number, body: unknown): Difference[] {
    const op = this.operation(method, pattern);
    if (!op) return [{ part: "status", at: "", message: "not a documented operation" }];
    const documented = op.responses[String(status)] ?? op.responses.default;
    if (!documented)
      return [
        {
          part: "status",
          at: "",
          message: `${status} is not documented (${Object.keys(op.responses).join(", ")})`,
        },
      ];
    const schema = this.resolve(documented).content?.["application/json"]?.schema;
    if (!schema) return [];
    if (body === undefined)
      return [{ part: "response", at: "", message: "no body where one is documented" }];
    const check = this.validator(`${method} ${pattern} ${status}`, schema);
    return check && !check(body) ? this.errors("response", "", check.errors) : [];
  }
}

/**
 * OpenAPI 3.0's `nullable: true` in JSON Schema terms: `null` added to the type (and to an
 * enum), or, for a schema without a type (`allOf` of a reference), an `anyOf` with null.
 */
function jsonSchemaNullable(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  if (nullable === undefined) return value;
  if (nullable !== true) return rest;
  if (typeof rest.type === "string") {
    const withNull = { ...rest, type: [rest.type, "null"] };
    return Array.isArray(rest.enum) ? { ...withNull, enum: [...rest.enum, null] } : withNull;
  }
  return { anyOf: [rest, { type: "null" }] };
}

/** A parameter's string as the type its schema gives it (`"100"` as 100 for an integer). */
function coerce(raw: string, schema: { type?: string } | undefined): unknown {
  if (schema?.type === "integer" || schema?.type === "number")
    return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (schema?.type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
  return raw;
}
