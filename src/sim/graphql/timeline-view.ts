import type { SimEvent, SimIssue, SimRepo } from "../state.ts";
import { actorView } from "./actor-view.ts";
import { connection, type PageArgs } from "./connection.ts";
import type { GraphqlContext } from "./context.ts";
import { commentView, issueView, stateReason } from "./issue-view.ts";
import { labelView } from "./label-view.ts";

/** `timelineItems` arguments. */
export interface TimelineArgs extends PageArgs {
  itemTypes?: string[] | null;
  since?: string | null;
}

/**
 * The `IssueTimelineItemsItemType` of the events GraphQL shows. The REST timeline serves every
 * kind; here only these five are modelled, and the others are left out of `timelineItems`.
 */
const itemType: Partial<Record<SimEvent["event"], string>> = {
  labeled: "LABELED_EVENT",
  unlabeled: "UNLABELED_EVENT",
  commented: "ISSUE_COMMENT",
  closed: "CLOSED_EVENT",
  reopened: "REOPENED_EVENT",
};

function eventView(ctx: GraphqlContext, repo: SimRepo, issue: SimIssue, e: SimEvent) {
  const actor = e.actor === null ? null : actorView(e.actor);
  const common = { id: e.node_id, actor, createdAt: e.created_at };
  const self = () => issueView(ctx, repo, issue);
  switch (e.event) {
    case "labeled":
    case "unlabeled":
      return {
        __typename: e.event === "labeled" ? "LabeledEvent" : "UnlabeledEvent",
        ...common,
        label: labelView(repo, e.label ?? ""),
        labelable: self,
      };
    case "closed":
      return {
        __typename: "ClosedEvent",
        ...common,
        stateReason: (args: { enableDuplicate?: boolean }) =>
          stateReason(e.state_reason, args.enableDuplicate ?? false),
        closable: self,
        closer: null,
      };
    case "reopened":
      return { __typename: "ReopenedEvent", ...common, stateReason: null, closable: self };
    case "commented": {
      const comment = issue.comments.find((c) => c.id === e.comment_id);
      if (!comment) throw new Error(`comment ${e.comment_id} of event ${e.id} is not in the state`);
      return commentView(ctx, repo, issue, comment);
    }
    default:
      throw new Error(`timeline: ${e.event} events are not modelled in GraphQL`);
  }
}

/** An issue's timeline, filtered by `itemTypes` and `since`, oldest first. */
export function timelineItems(
  ctx: GraphqlContext,
  repo: SimRepo,
  issue: SimIssue,
  args: TimelineArgs,
) {
  const types = args.itemTypes ? new Set(args.itemTypes) : undefined;
  const since = args.since ? Date.parse(args.since) : undefined;
  const events = issue.events.filter((e) => {
    const type = itemType[e.event];
    return (
      type !== undefined &&
      (!types || types.has(type)) &&
      (since === undefined || Date.parse(e.created_at) >= since)
    );
  });
  return connection(events, args, {
    key: (e) => [e.id],
    view: (e) => eventView(ctx, repo, issue, e),
    counts: true,
    extra: { updatedAt: issue.updated_at },
  });
}
