import { z } from "zod";

// GitHub's own rules: a login is letters, digits and single hyphens (no leading or trailing
// hyphen, at most 39 characters); a repository name is letters, digits, `.`, `_` and `-`,
// at most 100 characters, and neither `.` nor `..`.
const ownerPattern = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const repoNamePattern = /^[A-Za-z0-9._-]{1,100}$/;

/** What an owner may be, as the "allowed" half of a problem. */
export const OWNER_ALLOWED =
  "a GitHub owner: letters, digits and single hyphens, no hyphen first or last, at most 39 characters";
/** What a repository name may be. */
export const NAME_ALLOWED =
  "a GitHub repository name: letters, digits, '.', '_' and '-', at most 100 characters, not '.' or '..'";
/** What the whole file may be. */
export const ROOT_ALLOWED = "a map with 'targets' (a list) and optionally 'owner' and 'kinds'";

/** Whether GitHub accepts `owner` as a user or organisation login. */
export const isOwner = (owner: string) => ownerPattern.test(owner);
/** Whether GitHub accepts `name` as a repository name. */
export const isRepoName = (name: string) =>
  repoNamePattern.test(name) && name !== "." && name !== "..";

const owner = z.string({ error: OWNER_ALLOWED }).refine(isOwner, { error: OWNER_ALLOWED });
const freeMap = (what: string) =>
  z.record(z.string(), z.unknown(), { error: `a map of ${what} (omit the key for none)` });

/** One entry of `targets:`; each key's error message is what the key allows. */
export const targetSchema = z.strictObject(
  {
    name: z.string({ error: NAME_ALLOWED }).refine(isRepoName, { error: NAME_ALLOWED }),
    owner: owner.optional(),
    kind: z.string({ error: "a kind (a word such as sdk)" }).min(1, {
      error: "a kind (a word such as sdk)",
    }),
    orchestrators: freeMap("orchestrator names to their settings").optional(),
    meta: freeMap("free-form fields").optional(),
  },
  { error: "a map with name and kind, and optionally owner, orchestrators and meta" },
);

/** The whole of repos.yaml. */
export const registrySchema = z.strictObject(
  {
    owner: owner.optional(),
    kinds: z
      .array(z.string({ error: "a kind name" }).min(1, { error: "a kind name" }), {
        error: "a list of kind names",
      })
      .min(1, { error: "a list of at least one kind name (omit the key for any kind)" })
      .optional(),
    targets: z
      .array(targetSchema, { error: "a list of targets" })
      .min(1, { error: "a list of at least one target" }),
  },
  { error: ROOT_ALLOWED },
);

/** The keys a map at `path` may have, for unknown-key problems; undefined for free-form maps. */
export function knownKeys(path: readonly PropertyKey[]): string[] | undefined {
  if (path.length === 0) return Object.keys(registrySchema.shape);
  if (path.length === 2 && path[0] === "targets") return Object.keys(targetSchema.shape);
  return undefined;
}
