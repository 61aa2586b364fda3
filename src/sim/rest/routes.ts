import type { Route } from "./http.ts";
import { accountRoutes, repoRoutes } from "./routes-account.ts";
import { actionsRoutes } from "./routes-actions.ts";
import { cacheRoutes } from "./routes-caches.ts";
import { commentRoutes, repoCommentRoutes } from "./routes-comments.ts";
import { contentsRoutes } from "./routes-contents.ts";
import { dispatchRoutes } from "./routes-dispatch.ts";
import { gitRoutes } from "./routes-git.ts";
import { issueRoutes } from "./routes-issues.ts";
import { labelRoutes } from "./routes-labels.ts";
import { pullRoutes } from "./routes-pulls.ts";

/** Every REST endpoint the simulator serves. */
export const routes: readonly Route[] = [
  ...accountRoutes,
  ...repoRoutes,
  // `/issues/comments` before `/issues/{issue_number}`: the first pattern that fits answers.
  ...repoCommentRoutes,
  ...issueRoutes,
  ...labelRoutes,
  ...commentRoutes,
  ...actionsRoutes,
  ...cacheRoutes,
  ...dispatchRoutes,
  ...contentsRoutes,
  ...gitRoutes,
  ...pullRoutes,
];
