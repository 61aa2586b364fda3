import { runAction } from "../../core/run-action.ts";
import { action } from "./smoke-issue-bot.ts";

void runAction(action);
