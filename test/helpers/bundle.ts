export { parseOutputFile, runBundle, type BundleRun } from "../../src/demo/spawn-bundle.ts";
