import { runAction } from "../../core/run-action.ts";
import { action } from "./open-pr.ts";

runAction(action);
