import { describe, expect, it } from "vitest";
import { blockingFindings, countBySeverity, diffFindings, sortFindings, worstSeverity } from "./findings";
import type { Finding } from "./types";

function f(ruleId: string, severity: Finding["severity"], flows: Finding["flows"] = [], message = ruleId): Finding {
  return { ruleId, severity, field: "Scope", message, fix: "", flows };
}

describe("findings helpers", () => {
  const list = [f("B", "info"), f("C", "error", ["basic"]), f("A", "warning"), f("A", "error", ["client_credentials"])];

  it("sorts error, warning, info, then ruleId", () => {
    expect(sortFindings([...list]).map((x) => `${x.severity}:${x.ruleId}`)).toEqual([
      "error:A",
      "error:C",
      "warning:A",
      "info:B",
    ]);
  });

  it("finds the worst severity", () => {
    expect(worstSeverity(list)).toBe("error");
    expect(worstSeverity([f("B", "info"), f("A", "warning")])).toBe("warning");
    expect(worstSeverity([])).toBeNull();
  });

  it("counts by severity", () => {
    expect(countBySeverity(list)).toEqual({ error: 2, warning: 1, info: 1 });
  });

  it("returns only the errors that refuse the given flow", () => {
    expect(blockingFindings(list, "client_credentials").map((x) => x.ruleId)).toEqual(["A"]);
    expect(blockingFindings(list, "basic").map((x) => x.ruleId)).toEqual(["C"]);
    expect(blockingFindings([f("W", "warning", ["basic"])], "basic")).toEqual([]);
  });

  it("diffs by ruleId + field + message", () => {
    const before = [f("R", "error", [], "URI 1 bad"), f("S", "info")];
    const after = [f("R", "error", [], "URI 2 bad"), f("S", "info")];
    const { added, cleared } = diffFindings(before, after);
    expect(added.map((x) => x.message)).toEqual(["URI 2 bad"]);
    expect(cleared.map((x) => x.message)).toEqual(["URI 1 bad"]);
  });
});
