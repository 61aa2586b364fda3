// A URL path input as the server will read it: percent-decoding first, so that `%2e%2e`,
// `%2f` or a doubly encoded `%252e` cannot slip a `..` or a `//` past the check.

/** At most this many rounds of percent-decoding; a path still encoded after them is refused. */
const MAX_DECODING_ROUNDS = 3;

/** `value` percent-decoded until it no longer changes, or undefined when it cannot be. */
function fullyDecoded(value: string): string | undefined {
  let current = value;
  for (let round = 0; round < MAX_DECODING_ROUNDS; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch (error) {
      if (error instanceof URIError) return undefined;
      throw error;
    }
    if (next === current) return current;
    current = next;
  }
  return undefined;
}

/** What a URL path input may be, for error messages. */
export const SAFE_URL_PATH =
  "a path starting with '/', without spaces, control characters, '?', '#', '\\', '//', '.' or '..', even percent-encoded";

/**
 * Whether `value` is a safe absolute URL path: decoded, it starts with '/' and holds no '.'
 * or '..' segment, no '//', no '\\', '?', '#', spaces or control characters.
 */
export function isSafeUrlPath(value: string): boolean {
  const decoded = fullyDecoded(value);
  if (decoded === undefined || !decoded.startsWith("/")) return false;
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\s?#\\\u0000-\u001f\u007f]/.test(decoded)) return false;
  const segments = decoded.split("/").slice(1);
  return !segments.some((s, i) => s === ".." || s === "." || (s === "" && i < segments.length - 1));
}
