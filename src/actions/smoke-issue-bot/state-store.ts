import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import type { RepoRef } from "../../core/repository.ts";
import { gitBlobSha } from "./git-blob-sha.ts";
import { packageNameProblem } from "./outcomes.ts";
import { freshState, parseState, serializeState, type PackageState } from "./package-state.ts";

/** A package's state as read, with the blob sha a write must name (none: no file yet). */
export interface StoredState {
  state: PackageState;
  sha?: string;
}

/** GitHub's contents API lists at most this many entries of a folder. */
const listingCap = 1000;

const statusOf = (error: unknown) => (error as { status?: number }).status;

/**
 * The per-package state files on the state branch, through the contents API: one listing
 * gives every file's blob sha, so a package whose file is the fresh state (its sha is known
 * in advance) or that has no file needs no further read; writes name the sha they replace.
 */
export class StateStore {
  private branchCreated = false;

  constructor(
    private readonly client: FleetClient,
    private readonly repo: RepoRef,
    readonly branch: string,
    readonly folder: string,
    private readonly defaultBranch: string,
  ) {}

  /** `<folder>/<package>.json` */
  file(name: string): string {
    return `${this.folder}/${name}.json`;
  }

  /**
   * Blob shas of the state files by package. A missing branch or folder is no state yet; any
   * other failure is thrown, never taken for "no state".
   */
  async list(): Promise<Map<string, string>> {
    let data: unknown;
    try {
      ({ data } = await this.client.rest.repos.getContent({
        owner: this.repo.owner,
        repo: this.repo.repo,
        path: this.folder,
        ref: this.branch,
      }));
    } catch (error) {
      // The repository was read just before, so a 404 here is the branch or folder: no state yet.
      if (statusOf(error) === 404) return new Map();
      throw classifyError(error, {
        doing: `listing ${this.folder} on branch ${this.branch}`,
        repository: this.repo.fullName,
      });
    }
    if (!Array.isArray(data))
      throw new Error(
        `state-path '${this.folder}' on branch ${this.branch} of ${this.repo.fullName} is a file, not a folder`,
      );
    if (data.length >= listingCap)
      throw new Error(
        `${this.folder} on branch ${this.branch} holds ${data.length} entries, the most GitHub lists: some state files could not be seen; move old files away`,
      );
    const files = new Map<string, string>();
    for (const entry of data as { type: string; name: string; sha: string }[]) {
      const name = entry.name.replace(/\.json$/, "");
      if (entry.type === "file" && entry.name.endsWith(".json") && !packageNameProblem(name))
        files.set(name, entry.sha);
    }
    return files;
  }

  /** Whether a listed sha is the fresh state's: such a file needs no read. */
  isFresh(name: string, sha: string | undefined): boolean {
    return sha === undefined || sha === gitBlobSha(serializeState(freshState(name)));
  }

  /** Reads one package's state; no file is the fresh state, an unreadable one is an error. */
  async read(name: string): Promise<StoredState> {
    let data: unknown;
    try {
      ({ data } = await this.client.rest.repos.getContent({
        owner: this.repo.owner,
        repo: this.repo.repo,
        path: this.file(name),
        ref: this.branch,
      }));
    } catch (error) {
      if (statusOf(error) === 404) return { state: freshState(name) };
      throw classifyError(error, {
        doing: `reading ${this.file(name)} on branch ${this.branch}`,
        repository: this.repo.fullName,
      });
    }
    const file = data as { type?: string; content?: string; encoding?: string; sha: string };
    if (file.type !== "file" || typeof file.content !== "string" || file.encoding !== "base64")
      throw new Error(
        `${this.file(name)} on branch ${this.branch}: not a file the contents API returned inline (type ${file.type}, encoding ${file.encoding})`,
      );
    const text = Buffer.from(file.content, "base64").toString("utf8");
    return { state: parseState(text, this.file(name), name), sha: file.sha };
  }

  /**
   * Writes a state naming the sha it replaces; resolves to the new sha, or to `conflict`
   * when another writer got there first (409 stale sha, 422 missing sha). A missing state
   * branch is created from the default branch on the first write.
   */
  async write(
    state: PackageState,
    sha: string | undefined,
    message: string,
  ): Promise<string | "conflict"> {
    const doing = `writing ${this.file(state.package)} on branch ${this.branch}`;
    for (;;) {
      try {
        const { data } = await this.client.rest.repos.createOrUpdateFileContents({
          owner: this.repo.owner,
          repo: this.repo.repo,
          path: this.file(state.package),
          branch: this.branch,
          message,
          content: Buffer.from(serializeState(state), "utf8").toString("base64"),
          ...(sha === undefined ? {} : { sha }),
        });
        if (!data.content?.sha) throw new Error(`${doing}: the answer named no blob sha`);
        return data.content.sha;
      } catch (error) {
        const status = statusOf(error);
        if (status === 409 || status === 422) return "conflict";
        if (status !== 404 || this.branchCreated)
          throw classifyError(error, { doing, repository: this.repo.fullName });
      }
      await this.createBranch();
    }
  }

  /** Creates the state branch from the default branch's head (another writer may have just done it). */
  private async createBranch(): Promise<void> {
    this.branchCreated = true;
    const { owner, repo } = this.repo;
    const doing = `creating branch ${this.branch} from ${this.defaultBranch}`;
    try {
      const head = await this.client.rest.git.getRef({
        owner,
        repo,
        ref: `heads/${this.defaultBranch}`,
      });
      await this.client.rest.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${this.branch}`,
        sha: head.data.object.sha,
      });
    } catch (error) {
      const exists =
        statusOf(error) === 422 && /already exists/i.test(String((error as Error).message));
      if (!exists) throw classifyError(error, { doing, repository: this.repo.fullName });
    }
  }
}
