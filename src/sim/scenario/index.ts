/**
 * Scenarios: declarative, seeded descriptions of an org that build a simulator state. Tests
 * and benchmarks write a spec (or take a named one) and call `buildScenario`.
 */
export { buildScenario } from "./build.ts";
export { HUMANS } from "./build-issues.ts";
export { tokenOf } from "./build-tokens.ts";
export { DEMO_BOARD, DEMO_OTHER_BOARD, demoScenario, demoSpec } from "./demo.ts";
export { dumpState } from "./dump.ts";
export { loadScenarioFile, parseScenario, parseScenarioText, ScenarioError } from "./load.ts";
export {
  emptySpec,
  largeSpec,
  namedScenarios,
  resolveScenario,
  smallSpec,
  type ScenarioName,
} from "./named.ts";
export { DEFAULT_NOW, scenarioSchema, type ResolvedScenario, type ScenarioSpec } from "./spec.ts";
export { countState, describeState, type StateCounts } from "./summary.ts";
