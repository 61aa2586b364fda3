import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ALLOWED, type Allowance } from "./allow-list.ts";
import type { Difference, GitHubDescription } from "./openapi.ts";
import type { Sample } from "./record-samples.ts";

/** Every sample recorded under `dir` (one JSON-lines file per process). */
export function readSamples(dir: string): Sample[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) =>
      readFileSync(join(dir, f), "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Sample),
    );
}

const allows = (a: Allowance, s: Sample, d: Difference) =>
  (a.operation === "*" || a.operation === `${s.method} ${s.pattern}`) &&
  (a.status === undefined || a.status === s.status) &&
  a.part === d.part &&
  (a.at === undefined || a.at.test(d.at)) &&
  (a.message === undefined || a.message.test(d.message)) &&
  (a.body === undefined || a.body(s.body));

/** A client error the simulator answers to a request GitHub's description also rules out. */
const refusedAsDescribed = (s: Sample, request: Difference[]) =>
  request.length > 0 && s.status >= 400 && s.status < 500;

/**
 * The differences between the samples and GitHub's description that no allow-list entry
 * explains, one line each, `METHOD pattern -> status part at: message`, without repeats. A
 * request the description rules out (tests send some on purpose) is no difference when the
 * simulator refuses it with a 4xx, whatever the status; accepting it would be one.
 */
export function unexplained(
  samples: readonly Sample[],
  description: GitHubDescription,
  allowed: readonly Allowance[] = ALLOWED,
): string[] {
  const lines = new Set<string>();
  for (const s of samples) {
    const request = { params: s.params, query: s.query, body: s.requestBody };
    const requestDifferences = description.checkRequest(s.method, s.pattern, request);
    const response = description.checkResponse(s.method, s.pattern, s.status, s.body);
    const differences = refusedAsDescribed(s, requestDifferences)
      ? response.filter((d) => d.part === "response")
      : [...requestDifferences, ...response];
    for (const d of differences)
      if (!allowed.some((a) => allows(a, s, d)))
        lines.add(`${s.method} ${s.pattern} -> ${s.status} ${d.part} ${d.at}: ${d.message}`);
  }
  return [...lines].sort();
}
