// fleet's references to itself: `uses: OWNER/REPO/<path>@<ref>` in the reusable workflows, the
// caller templates and the actions' READMEs. Where fleet lives is said once, in package.json's
// `repository` (`github:OWNER/REPO`); the release and fork scripts rewrite the references.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The repository fleet is published from, per package.json. */
export function homeRepository(root = ".") {
  const { repository } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const match = /^github:([\w.-]+)\/([\w.-]+)$/.exec(String(repository ?? ""));
  if (!match) {
    throw new Error(
      `package.json: repository: found ${JSON.stringify(repository)}, allowed "github:OWNER/REPO"`,
    );
  }
  return { owner: match[1], repo: match[2] };
}

/**
 * The files whose references to fleet itself are code or copyable examples, relative to
 * `root`: the workflows, the templates and the actions' READMEs. The top-level README's
 * references explain the scheme and stay as written.
 */
export function referringFiles(root = ".") {
  const yml = (dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith(".yml"))
      .map((f) => join(dir, f));
  const readmes = readdirSync(join(root, "actions"))
    .map((a) => join("actions", a, "README.md"))
    .filter((f) => existsSync(join(root, f)));
  return [...yml(join(".github", "workflows")), ...yml("workflows"), ...readmes];
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const pattern = ({ owner, repo }) =>
  new RegExp(`(uses:\\s*["']?)${escape(owner)}/${escape(repo)}/([^@\\s"']+)@([^\\s"'#]+)`, "g");

/** Every reference to `home` in `text`: the path inside fleet and the ref it names. */
export function internalRefs(text, home) {
  return [...text.matchAll(pattern(home))].map((m) => ({ path: m[2], ref: m[3] }));
}

/** `text` with every reference to `home` moved to another owner, repository and/or ref. */
export function rewriteRefs(text, home, { owner = home.owner, repo = home.repo, ref } = {}) {
  return text.replace(
    pattern(home),
    (_, uses, path, oldRef) => `${uses}${owner}/${repo}/${path}@${ref ?? oldRef}`,
  );
}

/** Rewrites every reference in the tree at `root` (see rewriteRefs); returns the files changed. */
export function rewriteTree(root, change) {
  const home = homeRepository(root);
  const changed = [];
  for (const file of referringFiles(root)) {
    const before = readFileSync(join(root, file), "utf8");
    const after = rewriteRefs(before, home, change);
    if (after !== before) {
      writeFileSync(join(root, file), after);
      changed.push(file);
    }
  }
  return changed;
}

/** Rewrites package.json at `root` with `update` applied to its fields. */
export function updatePackage(root, update) {
  const manifest = join(root, "package.json");
  const pkg = JSON.parse(readFileSync(manifest, "utf8"));
  writeFileSync(manifest, `${JSON.stringify(update(pkg), null, 2)}\n`);
}
