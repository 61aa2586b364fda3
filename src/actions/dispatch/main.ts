import { runAction } from "../../core/run-action.ts";
import { action } from "./dispatch.ts";

runAction(action);
