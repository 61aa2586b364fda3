import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vitest/config";

// GitHub's workflow parser imports its JSON schemas without import attributes, which Node 20
// refuses. Inlined, the package goes through vitest's own transform, which loads JSON; its
// published source maps point at files the package does not ship, so they are left out.
const workflowParser = "@actions/workflow-parser";
const withoutSourceMaps: Plugin = {
  name: "workflow-parser-without-source-maps",
  enforce: "pre",
  load(id) {
    if (!id.includes(`/node_modules/${workflowParser}/`) || !id.endsWith(".js")) return null;
    return readFileSync(id, "utf8").replace(/^\/\/# sourceMappingURL=.*$/m, "");
  },
};

export default defineConfig({
  plugins: [withoutSourceMaps],
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/setup/own-tmpdir.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    server: { deps: { inline: [workflowParser] } },
  },
});
