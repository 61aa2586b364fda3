import { ApiError, classifyError } from "./errors.ts";
import { workerPool } from "./worker-pool.ts";

/** One page of a listing whose responses carry `total_count` (the Actions API's lists). */
export interface CountedPage<T> {
  totalCount: number;
  items: T[];
}

/** How to walk a counted listing. */
export interface ListCountedOptions<T> {
  /** What is listed, for messages: `workflow runs`. */
  what: string;
  perPage: number;
  /** Pages in flight at once. */
  concurrency: number;
  /** Identity of an item: pages shift while items come and go, so one can be seen twice. */
  key(item: T): number | string;
  /**
   * The most items the endpoint lets one reach (GitHub's filtered run listings: 1,000), when
   * `total_count` may say more; pages past it are not requested.
   */
  reachable?: number;
}

/** A listing that did not finish: how far it got and why it stopped. */
export class IncompleteListing extends Error {
  override readonly name = "IncompleteListing";
  constructor(
    readonly what: string,
    readonly pagesDone: number,
    /** Unknown when the first page failed. */
    readonly pagesTotal: number | undefined,
    readonly listed: number,
    readonly totalCount: number | undefined,
    readonly reason: ApiError,
  ) {
    super(
      pagesTotal === undefined || totalCount === undefined
        ? `listing ${what} failed on its first page: ${reason.message}`
        : `listing ${what} stopped after ${pagesDone} of ${pagesTotal} pages (${Math.max(0, totalCount - listed)} of ${totalCount} not listed): ${reason.message}`,
    );
  }
}

/**
 * Lists every item of a `total_count` listing: the first page tells how many pages there are,
 * the rest are fetched `concurrency` at a time. When a later page reports more items than the
 * first did, the extra pages are fetched too. A page that fails stops the listing: no new page
 * starts, and an IncompleteListing says how far it got (never a short list passed off as whole).
 */
export async function listCounted<T>(
  fetchPage: (page: number) => Promise<CountedPage<T>>,
  o: ListCountedOptions<T>,
): Promise<{ items: T[]; totalCount: number; pages: number; complete: boolean }> {
  const seen = new Map<number | string, T>();
  const take = (page: CountedPage<T>) => {
    for (const item of page.items) if (!seen.has(o.key(item))) seen.set(o.key(item), item);
  };
  let first: CountedPage<T>;
  try {
    first = await fetchPage(1);
  } catch (error) {
    throw new IncompleteListing(o.what, 0, undefined, 0, undefined, classifyError(error));
  }
  take(first);
  let totalCount = first.totalCount;
  let pages = 1;
  let fetched = 1;
  let failure: ApiError | undefined;
  const reachable = () => Math.min(totalCount, o.reachable ?? Infinity);
  const lastPage = () => Math.max(1, Math.ceil(reachable() / o.perPage));
  while (failure === undefined && pages < lastPage()) {
    const from = pages + 1;
    const to = lastPage();
    await workerPool(
      to - from + 1,
      o.concurrency,
      async (index) => {
        try {
          const result = await fetchPage(from + index);
          take(result);
          totalCount = Math.max(totalCount, result.totalCount);
          fetched += 1;
        } catch (error) {
          failure ??= classifyError(error);
        }
      },
      () => failure !== undefined,
    );
    pages = to;
  }
  if (failure !== undefined) {
    throw new IncompleteListing(o.what, fetched, lastPage(), seen.size, totalCount, failure);
  }
  return {
    items: [...seen.values()],
    totalCount,
    pages: fetched,
    complete: totalCount <= reachable(),
  };
}
