#!/usr/bin/env -S node --
// The `--` ends node's own options: Node 20 reads `--env-file` anywhere on its command line, so
// `fleet sim --env-file PATH` would otherwise make node itself load PATH (and exit when the
// file does not exist yet) before fleet ever runs.
// The published entry: loads the TypeScript CLI into this very process through tsx's loader,
// so `npx fleet` works after `npm ci`. One process and no relay: a signal sent to it (Ctrl-C,
// `kill`) reaches the command itself, so stopping `fleet sim` stops the server and frees its port.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli.ts");
await runCli(process.argv.slice(2));
