import { describe, expect, it } from "vitest";
import { readInputs } from "../../core/inputs.ts";
import { schema } from "./inputs.ts";
import { checkSettings } from "./settings.ts";

const parse = (raw: Record<string, string>) =>
  readInputs(schema, (name) => raw[name] ?? "", {
    GITHUB_TOKEN: "t",
    GITHUB_REPOSITORY: "acme/smoke",
  });

describe("checkSettings", () => {
  it("accepts the defaults in archival mode and sorts the milestones", () => {
    expect(checkSettings(parse({ mode: "archival", "archival-days": "21,7\n14,7" }))).toEqual({
      repository: "acme/smoke",
      archivalDays: [7, 14, 21],
      statePath: "smoke-state",
    });
  });

  it("reports every problem at once, naming the input, what was found and what is allowed", () => {
    const inputs = parse({
      mode: "record",
      repository: "acme/a,acme/b",
      label: "a,b",
      "state-branch": "bad..branch",
      "state-path": "/abs/",
      "archival-days": "7,two",
    });
    expect(() => checkSettings(inputs)).toThrow(
      [
        "Input 'repository': found 'acme/a,acme/b', allowed exactly one owner/name",
        "Input 'label': found 'a,b': a label name cannot contain a comma (the issues API's labels filter splits on commas)",
        "Input 'state-branch': found 'bad..branch': a ref name cannot contain '..'",
        "Input 'state-path': found '/abs/', allowed a folder path like 'smoke-state' (no leading or trailing '/', no '.' or '..')",
        "Input 'archival-days': found '7,two', allowed whole numbers of days from 1 to 3650, comma-separated",
        "Input 'outcomes': is required in record mode (inline JSON, a JSON file or a folder of per-leg JSON files)",
      ].join("\n"),
    );
  });

  it("rejects an unknown mode and a threshold below one before anything else", () => {
    expect(() => parse({ mode: "report", threshold: "0" })).toThrow(
      "Input 'mode': found 'report', allowed one of record, archival\nInput 'threshold': found '0', allowed a whole number from 1 to 1000",
    );
  });

  it("checks labels with the one rule every action uses", () => {
    for (const [label, problem] of <[string, string][]>[
      ["😀", "a label name needs more than emoji"],
      [
        "smoke\u202ebroken",
        "a label name cannot contain bidirectional control characters (such as U+202E)",
      ],
    ]) {
      expect(() => checkSettings(parse({ mode: "archival", label }))).toThrow(
        `Input 'label': found '${label}': ${problem}`,
      );
    }
  });
});
