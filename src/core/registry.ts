import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { z } from "zod";
import { describeValue, didYouMean, valueAt } from "./problem-wording.ts";
import {
  isOwner,
  isRepoName,
  knownKeys,
  registrySchema,
  ROOT_ALLOWED,
  type targetSchema,
} from "./registry-schema.ts";
import { parseYamlSource, problemLines, type Problem, type YamlSource } from "./yaml-problems.ts";

/** One repository of the registry, with its owner resolved. */
export interface Target {
  name: string;
  owner: string;
  kind: string;
  /** `owner/name`, case as written. */
  repository: string;
  /** `{}` when absent. */
  orchestrators: Record<string, unknown>;
  /** `{}` when absent. */
  meta: Record<string, unknown>;
}

/** A parsed and validated repos.yaml. */
export interface Registry {
  file: string;
  owner?: string;
  kinds?: string[];
  targets: Target[];
}

/** Every problem found in a registry, one line each: `file:LINE:COL: path: found x, allowed y`. */
export class RegistryError extends Error {
  override readonly name = "RegistryError";
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

/** GitHub has no use for a longer registry, and reading one whole must stay cheap. */
export const MAX_REGISTRY_BYTES = 5 * 1024 * 1024;

const yamlMessages: Record<string, string> = {
  MULTIPLE_DOCS: "a second YAML document (a '---' line)",
  DUPLICATE_KEY: "a key written twice in one map",
};

type RawTarget = z.input<typeof targetSchema>;

/** Checks that need more than one field: owners present, kinds listed, no repository twice. */
function crossChecks(
  source: YamlSource,
  raw: Record<string, unknown>,
  report: (p: Problem) => void,
) {
  const kinds =
    Array.isArray(raw.kinds) &&
    raw.kinds.length > 0 &&
    raw.kinds.every((k) => typeof k === "string")
      ? (raw.kinds as string[])
      : undefined;
  const targets = Array.isArray(raw.targets) ? (raw.targets as unknown[]) : [];
  const seen = new Map<string, { repository: string; index: number }>();
  targets.forEach((item, i) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) return;
    const t = item as Partial<RawTarget>;
    const owner = t.owner ?? raw.owner;
    if (owner === undefined) {
      report({
        offset: source.offsetOf(["targets", i]),
        path: ["targets", i, "owner"],
        found: "nothing (and no top-level 'owner')",
        allowed: "an owner on this target, or a top-level 'owner' for every target",
      });
    }
    if (kinds && typeof t.kind === "string" && t.kind !== "" && !kinds.includes(t.kind)) {
      report({
        offset: source.offsetOf(["targets", i, "kind"]),
        path: ["targets", i, "kind"],
        found: `'${t.kind}'`,
        allowed: `one of the kinds ${kinds.join(", ")}${didYouMean(t.kind, kinds)}`,
      });
    }
    if (typeof t.name !== "string" || !isRepoName(t.name)) return;
    if (typeof owner !== "string" || !isOwner(owner)) return;
    const repository = `${owner}/${t.name}`;
    const first = seen.get(repository.toLowerCase());
    if (first) {
      const firstAt = source.where(source.offsetOf(["targets", first.index, "name"]));
      report({
        offset: source.offsetOf(["targets", i, "name"]),
        path: ["targets", i, "name"],
        found: `'${repository}' again (first at ${firstAt} as '${first.repository}')`,
        allowed: "each owner/name once (GitHub compares names case-insensitively)",
      });
    } else {
      seen.set(repository.toLowerCase(), { repository, index: i });
    }
  });
}

/**
 * Parses and validates the text of a registry. `file` names it in every problem. Throws a
 * RegistryError listing all problems (not just the first), each with its line and column.
 */
export function parseRegistry(text: string, file: string): Registry {
  const source = parseYamlSource(text, file);
  const { doc } = source;
  const problems: Problem[] = [];
  const report = (p: Problem) => void problems.push(p);
  const fail = (): never => {
    throw new RegistryError(problemLines(problems, source.where));
  };

  // Only the first syntax error: the parser loses its place there, and what it reports after
  // it (a dozen lines for one missing bracket) mostly echoes that one mistake.
  const [first, ...later] = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  if (first) {
    const more =
      later.length === 0
        ? ""
        : `; ${later.length} later syntax error${later.length === 1 ? "" : "s"} not listed, as they may follow from this one`;
    report({
      offset: first.pos[0],
      path: ["(syntax)"],
      found: yamlMessages[first.code] ?? `invalid YAML (${first.message})`,
      allowed: `one well-formed YAML document${more}`,
    });
    fail();
  }
  if (doc.contents === null) {
    const found = text.trim() === "" ? "an empty file" : "only comments";
    report({ offset: 0, path: [], found, allowed: ROOT_ALLOWED });
    fail();
  }

  let raw: unknown;
  try {
    raw = source.toJS();
  } catch (error) {
    report({
      offset: 0,
      path: ["(syntax)"],
      found: `YAML that cannot be expanded (${(error as Error).message})`,
      allowed: "a registry without alias bombs",
    });
    fail();
  }

  const parsed = registrySchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        const known = knownKeys(issue.path) ?? [];
        for (const key of issue.keys) {
          report({
            offset: source.keyOffset(issue.path, key),
            path: [...issue.path, key],
            found: `unknown key '${key}'`,
            allowed: `the keys ${known.join(", ")}${didYouMean(key, known)}`,
          });
        }
      } else {
        report({
          offset: source.offsetOf(issue.path),
          path: issue.path,
          found: describeValue(valueAt(raw, issue.path)),
          allowed: issue.message,
        });
      }
    }
  }
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    crossChecks(source, raw as Record<string, unknown>, report);
  }
  if (problems.length > 0 || !parsed.success) fail();

  const data = parsed.data!;
  return {
    file,
    ...(data.owner === undefined ? {} : { owner: data.owner }),
    ...(data.kinds === undefined ? {} : { kinds: data.kinds }),
    targets: data.targets.map((t) => {
      // crossChecks guarantees one of the two owners is there.
      const owner = (t.owner ?? data.owner)!;
      return {
        name: t.name,
        owner,
        kind: t.kind,
        repository: `${owner}/${t.name}`,
        orchestrators: t.orchestrators ?? {},
        meta: t.meta ?? {},
      };
    }),
  };
}

/**
 * Reads and validates a registry file. `file` names it in problems (default: `path` as
 * given), so a caller that resolves a relative path can still show the path the user wrote.
 * A missing, unreadable, empty or over-5 MB file is a RegistryError too.
 */
export function loadRegistry(path: string, file: string = path): Registry {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      throw new RegistryError([`${file}: found a directory, allowed a registry file`]);
    }
    size = stat.size;
  } catch (error) {
    if (error instanceof RegistryError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new RegistryError([
      code === "ENOENT"
        ? `${file}: found no file (looked for ${resolve(path)}), allowed an existing registry file`
        : `${file}: found a file that cannot be read (${(error as Error).message}), allowed a readable registry file`,
    ]);
  }
  if (size > MAX_REGISTRY_BYTES) {
    throw new RegistryError([
      `${file}: found ${size} bytes, allowed at most ${MAX_REGISTRY_BYTES} bytes (5 MB)`,
    ]);
  }
  return parseRegistry(readFileSync(path, "utf8"), file);
}
