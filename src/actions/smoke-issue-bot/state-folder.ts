import type { FleetClient } from "../../core/client.ts";
import { graphqlQuery } from "../../core/graphql-call.ts";
import type { RepoRef } from "../../core/repository.ts";
import { packageNameProblem } from "./outcomes.ts";

/**
 * Whether the repository is archived, and every file of the state folder with its blob sha
 * (the precondition a contents write names) and its text: one request for all of them.
 */
export const STATE_FOLDER_QUERY = `query SmokeStateFolder($owner: String!, $name: String!, $expression: String!) {
  repository(owner: $owner, name: $name) {
    isArchived
    object(expression: $expression) {
      __typename
      ... on Tree {
        entries {
          name
          type
          oid
          object { ... on Blob { text isBinary isTruncated } }
        }
      }
    }
  }
}`;

/** What the query answers. */
export interface StateFolderAnswer {
  repository: {
    isArchived: boolean;
    object: {
      __typename: string;
      entries?: {
        name: string;
        type: string;
        oid: string;
        object: { text?: string | null; isBinary?: boolean | null; isTruncated?: boolean } | null;
      }[];
    } | null;
  } | null;
}

/** A state file as the folder read saw it; `text` is absent when the read could not carry it. */
export interface StateFile {
  sha: string;
  text?: string;
}

/** The repository fact a record run needs, and the state files by package. */
export interface StateFolder {
  archived: boolean;
  files: Map<string, StateFile>;
}

/**
 * Reads `folder` on `branch` in one GraphQL request. A missing branch or folder is no state
 * yet (GitHub answers a null object); any error, or a path that is not a folder, is thrown,
 * never taken for "no state". A blob GitHub truncated or holds as binary keeps only its sha:
 * that one file is then read through the contents API.
 */
export async function readStateFolder(
  client: FleetClient,
  repo: RepoRef,
  branch: string,
  folder: string,
): Promise<StateFolder> {
  const where = `${folder} on branch ${branch}`;
  const answer = await graphqlQuery<StateFolderAnswer>(
    client,
    STATE_FOLDER_QUERY,
    { owner: repo.owner, name: repo.repo, expression: `${branch}:${folder}` },
    { doing: `reading the state files in ${where}`, repository: repo.fullName },
  );
  const repository = answer.repository;
  if (repository === null)
    throw new Error(`reading ${where} of ${repo.fullName}: GitHub answered no repository`);
  const files = new Map<string, StateFile>();
  const object = repository.object;
  if (object === null) return { archived: repository.isArchived, files };
  if (object.__typename !== "Tree" || object.entries === undefined)
    throw new Error(
      `state-path '${folder}' on branch ${branch} of ${repo.fullName} is a ${object.__typename.toLowerCase()}, not a folder`,
    );
  for (const entry of object.entries) {
    const name = entry.name.replace(/\.json$/, "");
    if (entry.type !== "blob" || !entry.name.endsWith(".json") || packageNameProblem(name))
      continue;
    const blob = entry.object;
    const text = blob && !blob.isTruncated && !blob.isBinary ? blob.text : undefined;
    files.set(name, typeof text === "string" ? { sha: entry.oid, text } : { sha: entry.oid });
  }
  return { archived: repository.isArchived, files };
}
