import { DEMO_BOARD } from "../../sim/scenario/demo.ts";
import type { DemoStep } from "../step.ts";

/**
 * roadmap-backfill over acme's targets onto acme's Roadmap board, at Status "Todo". One
 * owner per run, as the reusable workflow's matrix entries are (an App token covers one org):
 * issues already on the Roadmap or on the Triage board are left alone, archived repositories
 * are skipped with a notice.
 */
export const roadmapBackfillStep: DemoStep = {
  action: "roadmap-backfill",
  filter: "owner == 'acme'",
  inputs: ({ repositories }) => ({
    repositories,
    "project-owner": "acme",
    "project-number": String(DEMO_BOARD.number),
    "status-value": "Todo",
  }),
};
