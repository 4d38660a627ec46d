import { describe, expect, it } from "vitest";
import { cleanApp, testOptions } from "../testing";
import { appDisabled } from "./lifecycle";

describe("TA-APP-DISABLED", () => {
  it("notes a disabled app as a deletion candidate", () => {
    expect(appDisabled.check(cleanApp({ IsEnabled: false }), testOptions())).toMatchObject([
      { ruleId: "TA-APP-DISABLED", severity: "info", field: "IsEnabled", flows: [] },
    ]);
  });

  it("is silent for an enabled app", () => {
    expect(appDisabled.check(cleanApp(), testOptions())).toEqual([]);
  });
});
