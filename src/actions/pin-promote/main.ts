import { runAction } from "../../core/run-action.ts";
import { action } from "./pin-promote.ts";

runAction(action);
