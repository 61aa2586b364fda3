import type { FleetClient } from "../../core/client.ts";
import { classifyError } from "../../core/errors.ts";
import { httpStatus } from "../../core/http-status.ts";
import type { RepoRef } from "../../core/repository.ts";
import { freshState, parseState, serializeState, type PackageState } from "./package-state.ts";
import { readStateFolder, type StateFile, type StateFolder } from "./state-folder.ts";

/** A package's state as read, with the blob sha a write must name (none: no file yet). */
export interface StoredState {
  state: PackageState;
  sha?: string;
}

/**
 * The per-package state files on the state branch. The whole folder is read in one GraphQL
 * request (see `readStateFolder`); the contents API reads a single file (a blob the folder
 * read could not carry, or a re-read after a conflicting write) and writes, each write naming
 * the blob sha it replaces.
 */
export class StateStore {
  private branchCreated = false;

  constructor(
    private readonly client: FleetClient,
    private readonly repo: RepoRef,
    readonly branch: string,
    readonly folder: string,
  ) {}

  /** `<folder>/<package>.json` */
  file(name: string): string {
    return `${this.folder}/${name}.json`;
  }

  /** Reads the repository's archived flag and every state file, in one request. */
  readFolder(): Promise<StateFolder> {
    return readStateFolder(this.client, this.repo, this.branch, this.folder);
  }

  /**
   * A package's state from the folder read: no file is the fresh state, a file with its text
   * is parsed (an unreadable one is an error), one without is read on its own.
   */
  async load(name: string, file: StateFile | undefined): Promise<StoredState> {
    if (file === undefined) return { state: freshState(name) };
    if (file.text === undefined) return this.read(name);
    return { state: parseState(file.text, this.file(name), name), sha: file.sha };
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
      if (httpStatus(error) === 404) return { state: freshState(name) };
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
        const status = httpStatus(error);
        if (status === 409 || status === 422) return "conflict";
        if (status !== 404 || this.branchCreated)
          throw classifyError(error, { doing, repository: this.repo.fullName });
      }
      await this.createBranch();
    }
  }

  /**
   * Creates the state branch from the default branch's head (another writer may have just
   * done it). The default branch is looked up only here: a run that finds its branch never
   * needs it.
   */
  private async createBranch(): Promise<void> {
    this.branchCreated = true;
    const { owner, repo } = this.repo;
    let doing = `creating branch ${this.branch} from the default branch`;
    try {
      const { data } = await this.client.rest.repos.get({ owner, repo });
      doing = `creating branch ${this.branch} from ${data.default_branch}`;
      const head = await this.client.rest.git.getRef({
        owner,
        repo,
        ref: `heads/${data.default_branch}`,
      });
      await this.client.rest.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${this.branch}`,
        sha: head.data.object.sha,
      });
    } catch (error) {
      const exists =
        httpStatus(error) === 422 && /already exists/i.test(String((error as Error).message));
      if (!exists) throw classifyError(error, { doing, repository: this.repo.fullName });
    }
  }
}
