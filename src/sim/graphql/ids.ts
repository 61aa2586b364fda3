/**
 * A node id for something the model does not store as a node (built-in board fields, field
 * values, git objects): GitHub's prefix style, derived from what identifies it, so it is the
 * same in every response.
 */
export function derivedNodeId(prefix: string, identity: string): string {
  return `${prefix}_kwDO${Buffer.from(`fleet-sim:${identity}`).toString("base64url")}`;
}
