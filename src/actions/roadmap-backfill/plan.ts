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
  /** Open issues on no board, oldest first (core's cap, `max-adds`, takes the oldest). */
  orphans: OpenIssue[];
  /** Items fleet added without a Status: they get it before any addition. */
  repairs: OpenIssue[];
}

/**
 * Decides what to add in one repository: every open issue on no board at all (an issue on
 * another board is tracked there and left alone), oldest first. Pure.
 */
export function planRepository(issues: readonly OpenIssue[]): RepoPlan {
  const orphans = issues.filter((i) => i.boards === 0).sort((a, b) => a.number - b.number);
  return {
    listed: issues.length,
    tracked: issues.length - orphans.length,
    orphans,
    repairs: issues.filter((i) => i.statusless !== undefined),
  };
}
