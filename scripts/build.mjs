// Bundles every src/actions/<name>/main.ts into actions/<name>/dist/index.cjs.
// `node scripts/build.mjs [outRoot]`: outRoot defaults to the repository root; the
// check-dist test builds into a temporary folder and compares.
import { build } from "esbuild";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Names of the actions that have an entry point. */
export function actionNames() {
  return readdirSync(join(root, "src", "actions"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, "src", "actions", d.name, "main.ts")))
    .map((d) => d.name)
    .sort();
}

/** Builds the actions' bundles (all, or `only`) under `outRoot/actions/<name>/dist/index.cjs`. */
export async function buildAll(outRoot = root, only = actionNames()) {
  for (const name of only) {
    await build({
      entryPoints: [join(root, "src", "actions", name, "main.ts")],
      outfile: join(outRoot, "actions", name, "dist", "index.cjs"),
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      minify: false,
      legalComments: "none",
      logLevel: "warning",
      // import.meta.url has no meaning in CJS; shim it so ESM dependencies keep working.
      define: { "import.meta.url": "__import_meta_url" },
      banner: { js: 'const __import_meta_url = require("url").pathToFileURL(__filename).href;' },
    });
  }
}

// `node scripts/build.mjs [outRoot] [--only name[,name]]`
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf("--only");
  const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1].split(",") : undefined;
  await buildAll(args[0] ? resolve(args[0]) : root, only);
}
