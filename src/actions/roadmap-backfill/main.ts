import { runAction } from "../../core/run-action.ts";
import { action } from "./roadmap-backfill.ts";

runAction(action);
