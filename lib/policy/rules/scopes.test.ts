import { describe, expect, it } from "vitest";
import { cleanApp, testOptions } from "../testing";
import { scopeDeprecated, scopeEmpty, scopeSec, scopeSyntax, scopeUnknown, scopeUpdate } from "./scopes";

const opts = testOptions();
const TOKEN_FLOWS = ["client_credentials", "authorization_code", "reference_tokens"];

describe("TA-SCOPE-SYNTAX", () => {
  it("refuses tokens outside the RFC 6749 §3.3 grammar", () => {
    const app = cleanApp({ Scope: 'read "update" a\\b café' });
    expect(scopeSyntax.check(app, opts).map((f) => [f.ruleId, f.severity, f.field, f.message])).toEqual([
      ["TA-SCOPE-SYNTAX", "error", "Scope", 'Scope token "\\"update\\"" is not a valid RFC 6749 scope token.'],
      ["TA-SCOPE-SYNTAX", "error", "Scope", 'Scope token "a\\\\b" is not a valid RFC 6749 scope token.'],
      ["TA-SCOPE-SYNTAX", "error", "Scope", 'Scope token "café" is not a valid RFC 6749 scope token.'],
    ]);
    expect(scopeSyntax.check(app, opts)[0]?.flows).toEqual(TOKEN_FLOWS);
  });

  it("treats a tab as part of a token (only single spaces separate)", () => {
    expect(scopeSyntax.check(cleanApp({ Scope: "read\tupdate" }), opts)).toHaveLength(1);
  });

  it("accepts well-formed tokens, tolerating extra spaces in stored data", () => {
    expect(scopeSyntax.check(cleanApp({ Scope: " read  update urn:x:y " }), opts)).toEqual([]);
  });
});

describe("TA-SCOPE-SEC", () => {
  it("refuses every token flow while sec is configured", () => {
    expect(scopeSec.check(cleanApp({ Scope: "read sec" }), opts)).toMatchObject([
      { ruleId: "TA-SCOPE-SEC", severity: "error", field: "Scope", flows: TOKEN_FLOWS },
    ]);
  });

  it("is case-sensitive: Sec is not sec", () => {
    expect(scopeSec.check(cleanApp({ Scope: "read Sec security" }), opts)).toEqual([]);
  });
});

describe("TA-SCOPE-DEPRECATED", () => {
  it("refuses DomainApi", () => {
    expect(scopeDeprecated.check(cleanApp({ Scope: "DomainApi" }), opts)).toMatchObject([
      { ruleId: "TA-SCOPE-DEPRECATED", severity: "error", field: "Scope", flows: TOKEN_FLOWS },
    ]);
  });

  it("passes read update", () => {
    expect(scopeDeprecated.check(cleanApp({ Scope: "read update" }), opts)).toEqual([]);
  });
});

describe("TA-SCOPE-UNKNOWN", () => {
  it("warns about unknown scopes once each, hinting at case mistakes", () => {
    const found = scopeUnknown.check(cleanApp({ Scope: "Read inventory inventory" }), opts);
    expect(found.map((f) => [f.ruleId, f.severity, f.field, f.message])).toEqual([
      ["TA-SCOPE-UNKNOWN", "warning", "Scope", 'Scope "Read" is not a known scope (scopes are case-sensitive: did you mean "read"?).'],
      ["TA-SCOPE-UNKNOWN", "warning", "Scope", 'Scope "inventory" is not a known scope.'],
    ]);
  });

  it("knows the whole catalogue and leaves malformed tokens to TA-SCOPE-SYNTAX", () => {
    const app = cleanApp({ Scope: 'read update offline_access openid profile sec DomainApi "x"' });
    expect(scopeUnknown.check(app, opts)).toEqual([]);
  });
});

describe("TA-SCOPE-EMPTY", () => {
  it.each([null, "", "  ", "openid profile"])("warns for Scope %j", (scope) => {
    expect(scopeEmpty.check(cleanApp({ Scope: scope }), opts)).toMatchObject([
      { ruleId: "TA-SCOPE-EMPTY", severity: "warning", field: "Scope" },
    ]);
  });

  it("is silent once a permission scope is configured", () => {
    expect(scopeEmpty.check(cleanApp({ Scope: "openid read" }), opts)).toEqual([]);
  });
});

describe("TA-SCOPE-UPDATE", () => {
  it("notes write access", () => {
    expect(scopeUpdate.check(cleanApp({ Scope: "read update" }), opts)).toMatchObject([
      { ruleId: "TA-SCOPE-UPDATE", severity: "info", field: "Scope", flows: [] },
    ]);
  });

  it("is silent for read only", () => {
    expect(scopeUpdate.check(cleanApp({ Scope: "read" }), opts)).toEqual([]);
  });
});
