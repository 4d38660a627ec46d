import { describe, expect, it } from "vitest";
import { checkSaveGate, MIN_JUSTIFICATION_LENGTH } from "./save-gate";
import type { Finding } from "./types";

const f = (severity: Finding["severity"], ruleId = `R-${severity}`): Finding => ({ ruleId, severity, field: "Scope", message: "m", fix: "x", flows: [] });

describe("checkSaveGate", () => {
  it("lets a clean or info-only configuration through without consent", () => {
    expect(checkSaveGate([f("info")], { acknowledgeWarnings: false, justification: null })).toEqual({ ok: true, acknowledged: [], justification: null });
  });

  it("needs an acknowledgement for warnings and stores them", () => {
    expect(checkSaveGate([f("warning")], { acknowledgeWarnings: false, justification: null })).toMatchObject({ ok: false, needs: "acknowledgement" });
    const ok = checkSaveGate([f("warning")], { acknowledgeWarnings: true, justification: null });
    expect(ok).toMatchObject({ ok: true, acknowledged: [{ ruleId: "R-warning" }] });
  });

  it("needs a written justification for errors, not just a tick", () => {
    expect(checkSaveGate([f("error")], { acknowledgeWarnings: true, justification: null })).toMatchObject({ ok: false, needs: "justification" });
    expect(checkSaveGate([f("error")], { acknowledgeWarnings: true, justification: "   too short  " })).toMatchObject({ ok: false, needs: "justification" });
    const why = "x".repeat(MIN_JUSTIFICATION_LENGTH);
    expect(checkSaveGate([f("error"), f("warning")], { acknowledgeWarnings: true, justification: ` ${why} ` })).toMatchObject({
      ok: true,
      justification: why,
      acknowledged: [{ ruleId: "R-error" }, { ruleId: "R-warning" }],
    });
  });

  it("still needs the warnings acknowledged when errors are justified", () => {
    expect(checkSaveGate([f("error"), f("warning")], { acknowledgeWarnings: false, justification: "y".repeat(40) })).toMatchObject({ ok: false, needs: "acknowledgement" });
  });

  it("asks only about warnings that are new or changed since the version being replaced", () => {
    const kept = { ...f("warning", "R-kept"), message: "same as before" };
    const before = [kept, { ...f("warning", "R-changed"), message: "old value" }];
    const after = [kept, { ...f("warning", "R-changed"), message: "new value" }];
    expect(checkSaveGate([kept], { acknowledgeWarnings: false, justification: null }, before)).toEqual({ ok: true, acknowledged: [], justification: null });
    expect(checkSaveGate(after, { acknowledgeWarnings: false, justification: null }, before)).toMatchObject({ ok: false, needs: "acknowledgement", message: expect.stringContaining("1 new warning") });
    expect(checkSaveGate(after, { acknowledgeWarnings: true, justification: null }, before)).toMatchObject({ ok: true, acknowledged: [{ ruleId: "R-changed", message: "new value" }] });
    // Errors need the justification every time.
    expect(checkSaveGate([f("error")], { acknowledgeWarnings: true, justification: null }, [f("error")])).toMatchObject({ ok: false, needs: "justification" });
  });
});
