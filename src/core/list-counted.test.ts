import { describe, expect, it } from "vitest";
import { ApiError } from "./errors.ts";
import { IncompleteListing, listCounted, type CountedPage } from "./list-counted.ts";

/** Pages of `items` as an Actions list endpoint serves them, with a log of the pages asked. */
function endpoint(items: number[], perPage: number) {
  const asked: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage = async (page: number): Promise<CountedPage<number>> => {
    asked.push(page);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setImmediate(r));
    inFlight -= 1;
    return { totalCount: items.length, items: items.slice((page - 1) * perPage, page * perPage) };
  };
  return { fetchPage, asked, maxInFlight: () => maxInFlight };
}

const options = { what: "things", perPage: 10, concurrency: 3, key: (n: number) => n };

describe("listCounted", () => {
  it("fetches every page once, at most `concurrency` at a time", async () => {
    const items = Array.from({ length: 95 }, (_, i) => i);
    const e = endpoint(items, 10);
    const r = await listCounted(e.fetchPage, options);
    expect(r.items.sort((a, b) => a - b)).toEqual(items);
    expect(r).toMatchObject({ totalCount: 95, pages: 10, complete: true });
    expect(e.asked.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(e.maxInFlight()).toBe(3);
  });

  it("follows a listing that grew while it was read, without counting an item twice", async () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const e = endpoint(items, 10);
    const grow = async (page: number) => {
      if (page === 2) items.unshift(-1, -2, -3);
      return e.fetchPage(page);
    };
    const r = await listCounted(grow, options);
    expect(r.totalCount).toBe(23);
    expect(e.asked.sort()).toEqual([1, 2, 3]);
    expect(new Set(r.items).size).toBe(r.items.length);
    expect(r.items).toContain(19);
  });

  it("stops at the reachable cap and says the listing is not complete", async () => {
    const e = endpoint(
      Array.from({ length: 50 }, (_, i) => i),
      10,
    );
    const r = await listCounted(e.fetchPage, { ...options, reachable: 30 });
    expect(e.asked.sort()).toEqual([1, 2, 3]);
    expect(r.complete).toBe(false);
  });

  it("fails loud with how far it got when a page fails, and starts no page after", async () => {
    const e = endpoint(
      Array.from({ length: 100 }, (_, i) => i),
      10,
    );
    const failing = async (page: number) => {
      if (page === 4)
        throw new ApiError("rate-limited", 403, "the primary rate limit is exhausted");
      return e.fetchPage(page);
    };
    const error = await listCounted(failing, { ...options, concurrency: 1 }).catch((x) => x);
    expect(error).toBeInstanceOf(IncompleteListing);
    expect(error.message).toBe(
      "listing things stopped after 3 of 10 pages (70 of 100 not listed): the primary rate limit is exhausted",
    );
    expect(e.asked).toEqual([1, 2, 3]);
  });

  it("says so when the first page fails", async () => {
    const error = await listCounted(
      async () => Promise.reject(new ApiError("server", 502, "GitHub answered 502")),
      options,
    ).catch((x) => x);
    expect(error.message).toBe("listing things failed on its first page: GitHub answered 502");
  });
});
