import type { Fetch } from "./proxy-fetch.ts";

// An answer whose body was cut short is not an answer: `@octokit/request` reads a body that
// fails halfway as "" (or as the text it got), and a 201 with `data = ""` then passes for a
// created issue without a number. Every body is read whole here, before anyone sees it.

/** The answer ended before its body did; the request may well have been carried out. */
export class CutShortAnswerError extends Error {
  override readonly name = "CutShortAnswerError";
}

const NULL_BODY = new Set([101, 204, 205, 304]);
const isJson = (contentType: string | null) =>
  contentType !== null && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType);

/**
 * `fetch`, with every answer's body read in full first: a body that breaks off, is shorter
 * than its `content-length`, or is JSON that does not parse (a JSON answer cut between two
 * chunks) is a CutShortAnswerError, never data.
 */
export function wholeBodyFetch(fetch: Fetch): Fetch {
  return async (url, init) => {
    const res = await fetch(url, init);
    const what = `${init?.method ?? "GET"} ${new URL(url).pathname}`;
    let bytes: ArrayBuffer;
    try {
      bytes = await res.arrayBuffer();
    } catch (error) {
      throw new CutShortAnswerError(
        `the answer to ${what} (${res.status}) broke off before its body ended (${(error as Error).message})`,
        { cause: error },
      );
    }
    const declared = Number(res.headers.get("content-length") ?? Number.NaN);
    if (Number.isFinite(declared) && bytes.byteLength < declared) {
      throw new CutShortAnswerError(
        `the answer to ${what} (${res.status}) was cut short: ${bytes.byteLength} of ${declared} bytes`,
      );
    }
    if (bytes.byteLength > 0 && isJson(res.headers.get("content-type"))) {
      const text = new TextDecoder().decode(bytes);
      try {
        JSON.parse(text);
      } catch (error) {
        throw new CutShortAnswerError(
          `the answer to ${what} (${res.status}) is JSON cut short (${(error as Error).message})`,
          { cause: error },
        );
      }
    }
    const whole = new Response(NULL_BODY.has(res.status) ? null : bytes, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
    // A constructed Response has no URL; Octokit hands it on as `response.url`, which
    // pagination reads to build the next page's (`total_commits` listings).
    Object.defineProperty(whole, "url", { value: res.url });
    return whole;
  };
}
