import { redact } from "./redact.ts";

/** Secret-looking fragments, each with the part to keep before the `***`. */
const patterns: [RegExp, string][] = [
  // An echoed header: `Authorization: token abc`, `authorization=Bearer abc`.
  [/\b(authorization\s*[:=]\s*)(?:[A-Za-z]+\s+)?[^\s"',;}]+/gi, "$1***"],
  // Credentials after an auth scheme: `Bearer abc...`, `Basic abc...`.
  [/\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi, "$1$2***"],
  // JSON fields whose name says secret: "access_token": "...", "apiKey": "...".
  [
    /("[\w-]*(?:token|secret|password|passwd|api[_-]?key|authorization|credential)[\w-]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
    '$1"***"',
  ],
  // Query or form fields: token=..., api_key=....
  [/\b([\w-]*(?:token|secret|password|api[_-]?key)[\w-]*=)[^&\s"',;]+/gi, "$1***"],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, "***"],
  // GitHub tokens.
  [/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, "***"],
];

/**
 * A response body made safe to print in an error: the known secrets and anything that looks
 * like a credential replaced by `***`, whitespace folded to one line, and capped at `max`
 * characters. Redaction comes before the cap, so a secret cut at the cap cannot leak its half.
 */
export function sanitizeBody(
  text: string,
  o: { secrets?: readonly string[]; max?: number } = {},
): string {
  let out = redact(text, o.secrets ?? []);
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  out = out.replace(/\s+/g, " ").trim();
  const max = o.max ?? 500;
  return out.length > max ? `${out.slice(0, max)}... (${out.length - max} more characters)` : out;
}
