import { apiUrlInput, input, tokenInput } from "./inputs.ts";

/**
 * The inputs every repository action declares alike and the pipeline reads: the targets,
 * the token, the API root and the dry run (on unless said: a run by hand previews first).
 */
export function repoActionInputs() {
  return {
    repositories: input.repositories(),
    token: tokenInput(),
    "api-url": apiUrlInput(),
    "dry-run": input.boolean({ default: true }),
  };
}

/** `min-remaining`: the rate-limit floor below which no change starts. */
export function minRemainingInput() {
  return input.integer({ default: 100, min: 0, max: 1_000_000 });
}

/**
 * `max-rate-limit-wait-seconds`: the longest secondary-limit `retry-after` a job sits out (15
 * minutes unless said); a longer one stops the repository with an error naming until when.
 */
export function maxWaitInput() {
  return input.integer({ default: 900, min: 0, max: 86_400 });
}
