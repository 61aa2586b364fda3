/** A repository as the actions address it; names are kept exactly as given, never re-cased. */
export interface RepoRef {
  owner: string;
  repo: string;
  /** `owner/name`. */
  fullName: string;
}

/** Splits `owner/name`; input validation has already checked the shape. */
export function parseRepo(fullName: string): RepoRef {
  const slash = fullName.indexOf("/");
  if (slash <= 0 || slash === fullName.length - 1) {
    throw new Error(`repository '${fullName}': expected owner/name`);
  }
  return { owner: fullName.slice(0, slash), repo: fullName.slice(slash + 1), fullName };
}
