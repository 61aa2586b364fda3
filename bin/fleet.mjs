#!/usr/bin/env node
// The published entry: runs the TypeScript CLI through tsx so `npx fleet` works after `npm ci`.
// Signals are passed on so that stopping `fleet sim` stops the server and frees its port.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { constants } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx/cli");
const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "cli.ts");
const child = spawn(process.execPath, [tsx, cli, ...process.argv.slice(2)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
