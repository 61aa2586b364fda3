import { runAction } from "../../core/run-action.ts";
import { action } from "./cleanup-runs.ts";

runAction(action);
