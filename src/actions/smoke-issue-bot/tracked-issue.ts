/** An open tracking issue as the listing (or a confirming GET) showed it. */
export interface TrackedIssue {
  number: number;
  package: string;
  /** Archival milestones already commented, from the marker. */
  milestones: number[];
  url: string;
  /** ISO time it was opened. */
  createdAt: string;
  locked: boolean;
  body: string;
  labels: string[];
}
