import { InputError } from "../../core/inputs.ts";
import { isSafeUrlPath, SAFE_URL_PATH } from "../../core/url-path.ts";
import type { Inputs, Mode } from "./inputs.ts";

/** The inputs after every check that the schema's builders cannot express. */
export interface PinRequest {
  mode: Mode;
  apiUrl: string;
  token: string;
  template: string;
  digest: string;
  region: string;
  /** Label for the summary: the `environment` input, or the API's host and path. */
  environment: string;
  promotePath: string;
  pinsPath: string;
  timeoutMs: number;
  intervalMs: number;
  dryRun: boolean;
}

const digestPattern = /^sha256:[a-f0-9]{64}$/;
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const environmentPattern = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

const shown = (value: string) => (value.length > 100 ? `${value.slice(0, 100)}...` : value);
const found = (name: string, value: string, allowed: string) =>
  `Input '${name}': found '${shown(value)}', allowed ${allowed}`;

/** Why a digest breaks the OCI rule, in the words of the mistake most likely made. */
function digestProblem(value: string): string {
  const colon = value.indexOf(":");
  if (colon < 0) return "the 'sha256:' prefix is missing";
  const algorithm = value.slice(0, colon);
  const hex = value.slice(colon + 1);
  if (algorithm !== "sha256") return `'${algorithm}:' digests are not accepted, only sha256`;
  if (/[A-F]/.test(hex) && /^[a-fA-F0-9]*$/.test(hex)) return "uppercase hex is not allowed";
  if (!/^[a-f0-9]*$/.test(hex)) return "it has characters other than 0-9 and a-f";
  return `it has ${hex.length} hex digits instead of 64`;
}

function checkApiUrl(raw: string, problems: string[]): URL | undefined {
  const url = new URL(raw);
  if (url.username !== "" || url.password !== "") {
    // Never echo it: the credentials are secrets.
    problems.push(
      "Input 'api-url': contains credentials (not shown), allowed a URL without user or password; pass the token through the token input",
    );
    return undefined;
  }
  if (url.protocol !== "https:" && !loopbackHosts.has(url.hostname)) {
    problems.push(
      found(
        "api-url",
        raw,
        "an https URL (plain http only for loopback: 127.0.0.1, localhost, [::1])",
      ),
    );
  }
  if (url.search !== "" || url.hash !== "") {
    problems.push(found("api-url", raw, "a URL without a query or fragment"));
  }
  return url;
}

function checkPath(name: string, value: string, problems: string[]): void {
  if (!isSafeUrlPath(value)) problems.push(found(name, value, SAFE_URL_PATH));
}

/**
 * Checks everything before any request is made, and collects every problem, each naming the
 * input, what was found and what is allowed. The token is never shown.
 */
export function validateInputs(inputs: Inputs): PinRequest {
  const problems: string[] = [];
  const digest = inputs.digest.trim();
  if (!digestPattern.test(digest)) {
    problems.push(
      `${found("digest", digest, "'sha256:' followed by 64 lowercase hex digits (the OCI digest rule)")}: ${digestProblem(digest)}`,
    );
  }
  const simpleName =
    "a simple name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters";
  const template = inputs.template.trim();
  const region = inputs.region.trim();
  if (!namePattern.test(template)) problems.push(found("template", template, simpleName));
  if (!namePattern.test(region)) problems.push(found("region", region, simpleName));
  if (/[\s\p{Cc}]/u.test(inputs.token)) {
    problems.push(
      "Input 'token': contains spaces or control characters (not shown), allowed one word: the token alone, without 'Bearer '",
    );
  }
  const url = checkApiUrl(inputs["api-url"], problems);
  const promotePath = inputs["promote-path"].trim();
  const pinsPath = inputs["pins-path"].trim();
  checkPath("promote-path", promotePath, problems);
  checkPath("pins-path", pinsPath, problems);
  // An unset optional input parses to undefined, whatever its static type says.
  const label = (inputs.environment as string | undefined)?.trim() ?? "";
  const environment = label || (url ? `${url.host}${url.pathname}`.replace(/\/+$/, "") : "");
  if (label !== "" && !environmentPattern.test(environment)) {
    problems.push(
      found(
        "environment",
        environment,
        "a label of letters, digits, spaces, '.', '_' and '-', at most 64 characters",
      ),
    );
  }
  if (problems.length > 0) throw new InputError(problems.join("\n"));
  return {
    mode: inputs.mode,
    apiUrl: inputs["api-url"],
    token: inputs.token,
    template,
    digest,
    region,
    environment,
    promotePath,
    pinsPath,
    timeoutMs: inputs["verify-timeout-seconds"] * 1000,
    intervalMs: inputs["verify-interval-seconds"] * 1000,
    dryRun: inputs["dry-run"],
  };
}
