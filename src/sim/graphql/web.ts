/** GitHub's web root, for `url` fields (the REST serializers use the same host). */
export const WEB = "https://github.com";

/** `url` and `resourcePath` for a path on the web UI. */
export function webLocation(path: string): { url: string; resourcePath: string } {
  return { url: `${WEB}${path}`, resourcePath: path };
}
