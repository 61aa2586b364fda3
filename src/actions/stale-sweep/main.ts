import { runAction } from "../../core/run-action.ts";
import { action } from "./stale-sweep.ts";

runAction(action);
