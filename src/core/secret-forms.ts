// The forms in which a secret can come back from a server or a library: a token echoed in a
// JSON error body is JSON-escaped (`\/`, `\u002B`, any character, in either case), one in a
// URL is percent-encoded (upper or lower case hex, `+` for a space), one in a Basic auth
// header or a decoded blob is base64 or base64url at any byte alignment. Redacting only the
// exact string leaks all of those, and the runner masks only what it was told to mask.

/** Secrets shorter than this are not masked: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A hex number as a pattern that matches it in upper or lower case. */
const anyCaseHex = (n: number, width: number) =>
  n
    .toString(16)
    .padStart(width, "0")
    .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);

/** Every way one character (code point) of a secret may be written in an echoed value. */
function characterPattern(char: string): string {
  const json = JSON.stringify(char).slice(1, -1);
  const units = [...Array(char.length).keys()].map((i) => char.charCodeAt(i));
  const alternatives = new Set([
    escapeRegExp(char),
    escapeRegExp(json),
    units.map((u) => `\\\\u${anyCaseHex(u, 4)}`).join(""),
    [...Buffer.from(char, "utf8")].map((b) => `%${anyCaseHex(b, 2)}`).join(""),
  ]);
  if (char === "/") alternatives.add("\\\\/");
  if (char === " ") alternatives.add("\\+");
  return alternatives.size === 1 ? [...alternatives][0]! : `(?:${[...alternatives].join("|")})`;
}

/**
 * The base64 characters that depend on the secret alone, for each of the three alignments
 * it can have inside a longer encoded value (0, 1 or 2 bytes before it), in base64 and
 * base64url.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const forms: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    // Characters touching the filler bytes at the start, or the padding at the end, vary.
    const start = offset === 0 ? 0 : Math.floor((offset * 8 - 1) / 6) + 1;
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const middle = encoded.slice(start, end);
    forms.push(middle, middle.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return forms.filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/**
 * A pattern matching `secret` in every form a server may echo it in: each character as
 * itself, JSON-escaped or percent-encoded (in any mix), and the base64 forms. Undefined for
 * a secret too short to mask.
 */
export function secretPattern(secret: string): RegExp | undefined {
  if (secret.length < MIN_SECRET_LENGTH) return undefined;
  const escaped = [...secret].map(characterPattern).join("");
  const base64 = [...new Set(base64Forms(secret))].map(escapeRegExp);
  return new RegExp([escaped, ...base64].join("|"), "g");
}

/**
 * The forms of `secret` to register with the runner's masking (`::add-mask::`), which
 * matches literal strings: the exact secret, its JSON and percent encodings as the common
 * encoders write them, and its base64 forms. Empty for a secret too short to mask.
 */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const json = JSON.stringify(secret).slice(1, -1);
  const allEscaped = secret.replace(
    /[^A-Za-z0-9]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const url = encodeURIComponent(secret);
  const forms = [
    secret,
    json,
    json.replaceAll("/", "\\/"),
    allEscaped,
    allEscaped.replace(/\\u([0-9a-f]{4})/g, (_, h: string) => `\\u${h.toUpperCase()}`),
    url,
    url.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    ...base64Forms(secret),
  ];
  return [...new Set(forms)];
}
