import { runAction } from "../../core/run-action.ts";
import { action } from "./resolve-targets.ts";

runAction(action);
