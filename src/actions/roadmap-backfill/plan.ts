/** An open issue as the listing reports it. */
export interface OpenIssue {
  /** Node id: what the board mutation takes. */
  id: string;
  number: number;
  title: string;
  /** Its page on GitHub. */
  url: string;
  /** Board items it has, archived ones included. */
  boards: number;
  /**
   * The id of its item on the run's board that fleet added and left without a Status (a run
   * cut short between the addition and the Status): the Status is set, nothing is added.
   */
  statusless?: string;
}

/** What one repository needs. */
export interface RepoPlan {
  /** Open issues listed. */
  listed: number;
  /** Open issues already on some board (any board, archived items included): never touched. */
  tracked: number;
  /** Open issues on no board, oldest first. */
  orphans: OpenIssue[];
  /** The orphans this run adds: the oldest, up to `max-adds`. */
  kept: OpenIssue[];
  /** The orphans beyond `max-adds`, left for the next run. */
  left: OpenIssue[];
  /** Items fleet added without a Status: they get it before any addition. */
  repairs: OpenIssue[];
}

/**
 * Decides what to add in one repository: every open issue on no board at all (an issue on
 * another board is tracked there and left alone), oldest first, at most `maxAdds`. Pure.
 */
export function planRepository(issues: readonly OpenIssue[], maxAdds: number): RepoPlan {
  const orphans = issues.filter((i) => i.boards === 0).sort((a, b) => a.number - b.number);
  return {
    listed: issues.length,
    tracked: issues.length - orphans.length,
    orphans,
    kept: orphans.slice(0, maxAdds),
    left: orphans.slice(maxAdds),
    repairs: issues.filter((i) => i.statusless !== undefined),
  };
}

/** Splits a list into consecutive batches of at most `size`. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
