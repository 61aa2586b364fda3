/**
 * A Gitea on loopback, over the same state model as the GitHub simulator: `/api/v1` paths,
 * `Authorization: token X` (Bearer also accepted), `page` + `limit` pagination (at most 50)
 * with `Link` and `x-total-count`, no rate limiting and no rate-limit headers, workflow
 * dispatch by file name, and no repository dispatch endpoint (404 or 405, as configured).
 */
import type { Faults } from "../faults.ts";
import { RequestLog } from "../log.ts";
import { servingParts, type ServeOptions } from "../loopback.ts";
import type { SimClock, SimState } from "../state.ts";
import { startGiteaServer } from "./server.ts";

/** How to run the simulated Gitea. */
export interface GiteaOptions extends ServeOptions {
  /**
   * What `POST /repos/{o}/{r}/dispatches` answers. Gitea has no repository dispatch: 404 is
   * what its router says (the default); 405 is what some fronting proxies and forks say.
   */
  repositoryDispatch?: 404 | 405;
  /**
   * Whether a workflow dispatch with `?return_run_details=true` answers 200 with the run's id
   * (newer Gitea) rather than 204 (Gitea 1.24 and 1.25). Default false.
   */
  runDetails?: boolean;
  /** Record requests into this log (e.g. a GitHub simulator's, serving the same state); default a new one. */
  log?: RequestLog;
}

/** A running simulated Gitea. */
export interface Gitea {
  /** The server's URL (Gitea's ROOT_URL), `http://127.0.0.1:PORT`, as Gitea Actions' GITHUB_SERVER_URL. */
  url: string;
  /** The API root, `${url}/api/v1`. */
  apiUrl: string;
  /** `state.adminToken`. */
  token: string;
  state: SimState;
  log: RequestLog;
  clock: SimClock;
  faults: Faults;
  close(): Promise<void>;
}

/** Serves `state` as a Gitea on 127.0.0.1 until `close()`. */
export async function startGitea(state: SimState, options: GiteaOptions = {}): Promise<Gitea> {
  const { clock, faults, latency } = servingParts(state, options);
  const log = options.log ?? new RequestLog();
  const server = await startGiteaServer(
    {
      state,
      clock,
      log,
      faults,
      latency,
      behaviour: { runDetails: options.runDetails ?? false },
      repositoryDispatchStatus: options.repositoryDispatch ?? 404,
    },
    options.port ?? 0,
  );
  return {
    url: server.url,
    apiUrl: `${server.url}/api/v1`,
    token: state.adminToken,
    state,
    log,
    clock,
    faults,
    close: server.close,
  };
}
