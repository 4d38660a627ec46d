import { describe, expect, it } from "vitest";
import { REQUEST_RULES } from "./request-rules";
import { decideScopes, isValidScopeString, isValidScopeToken, parseScope, SCOPES, scopeInfo } from "./scopes";
import { cleanApp } from "./testing";

describe("SCOPES catalogue (seed 004)", () => {
  it("lists the seven standard scopes with availability and identity flags", () => {
    expect(
      Object.values(SCOPES).map((s) => [s.name, s.availability, s.identity]),
    ).toEqual([
      ["read", "all", false],
      ["update", "all", false],
      ["offline_access", "all", true],
      ["openid", "all", true],
      ["profile", "all", true],
      ["sec", "internal", false],
      ["DomainApi", "deprecated", false],
    ]);
  });

  it("looks names up case-sensitively and ignores Object.prototype names", () => {
    expect(scopeInfo("read")?.name).toBe("read");
    expect(scopeInfo("Read")).toBeUndefined();
    expect(scopeInfo("toString")).toBeUndefined();
  });
});

describe("scope syntax (RFC 6749 §3.3)", () => {
  it("accepts %x21 / %x23-5B / %x5D-7E and nothing else", () => {
    expect(isValidScopeToken("urn:erp:read!~")).toBe(true);
    expect(isValidScopeToken('a"b')).toBe(false);
    expect(isValidScopeToken("a\\b")).toBe(false);
    expect(isValidScopeToken("a b")).toBe(false);
    expect(isValidScopeToken("")).toBe(false);
    expect(isValidScopeToken("é")).toBe(false);
  });

  it("requires exactly single spaces between tokens in a scope value", () => {
    expect(isValidScopeString("read update")).toBe(true);
    expect(isValidScopeString("read  update")).toBe(false);
    expect(isValidScopeString(" read")).toBe(false);
    expect(isValidScopeString("read ")).toBe(false);
  });

  it("parseScope splits on single spaces and drops empties", () => {
    expect(parseScope(" read  update ")).toEqual(["read", "update"]);
    expect(parseScope(null)).toEqual([]);
    expect(parseScope("read\tupdate")).toEqual(["read\tupdate"]);
  });
});

describe("decideScopes", () => {
  const app = cleanApp({ Scope: "read update openid sec DomainApi" });

  it("grants the configured scopes when none are requested, minus sec, DomainApi and (in CC) identity scopes", () => {
    expect(decideScopes(app, null, "client_credentials")).toEqual({ ok: true, granted: ["read", "update"] });
    expect(decideScopes(app, "", "authorization_code")).toEqual({ ok: true, granted: ["read", "update", "openid"] });
  });

  it("drops offline_access from a Public client's default", () => {
    const pub = cleanApp({ ClientType: "Public", Scope: "read offline_access" });
    expect(decideScopes(pub, null, "authorization_code")).toEqual({ ok: true, granted: ["read"] });
  });

  it("grants a requested subset, deduplicated, in request order", () => {
    expect(decideScopes(app, "update read update", "client_credentials")).toEqual({
      ok: true,
      granted: ["update", "read"],
    });
  });

  it("grants identity scopes in the authorization code flow without configuration (seed 004)", () => {
    const plain = cleanApp({ Scope: "read" });
    expect(decideScopes(plain, "openid profile offline_access read", "authorization_code")).toEqual({
      ok: true,
      granted: ["openid", "profile", "offline_access", "read"],
    });
  });

  it.each([
    ["read  update", "client_credentials", "TA-REQ-SCOPE-SYNTAX"],
    [" read", "client_credentials", "TA-REQ-SCOPE-SYNTAX"],
    ['read "x"', "authorization_code", "TA-REQ-SCOPE-SYNTAX"],
    ["read delete", "client_credentials", "TA-REQ-SCOPE-NOT-ALLOWED"],
    ["Read", "client_credentials", "TA-REQ-SCOPE-NOT-ALLOWED"],
    ["read openid", "client_credentials", "TA-REQ-SCOPE-IDENTITY-IN-CC"],
    ["offline_access", "client_credentials", "TA-REQ-SCOPE-IDENTITY-IN-CC"],
    ["sec", "authorization_code", "TA-REQ-SCOPE-SEC"],
    ["DomainApi", "client_credentials", "TA-REQ-SCOPE-DEPRECATED"],
  ] as const)("refuses %j in %s with %s", (requested, flow, ruleId) => {
    const decision = decideScopes(app, requested, flow);
    expect(decision).toMatchObject({ ok: false, error: "invalid_scope", ruleId });
    expect(REQUEST_RULES.map((r) => r.id)).toContain(ruleId);
  });

  it("refuses sec even when it is not configured", () => {
    expect(decideScopes(cleanApp({ Scope: "read" }), "sec", "client_credentials")).toMatchObject({
      ok: false,
      ruleId: "TA-REQ-SCOPE-SEC",
    });
  });

  it("does not grant offline_access to a Public client, and says so", () => {
    const pub = cleanApp({ ClientType: "Public", Scope: "read" });
    expect(decideScopes(pub, "openid offline_access read", "authorization_code")).toEqual({
      ok: true,
      granted: ["openid", "read"],
      dropped: [{ scope: "offline_access", ruleId: "TA-REQ-SCOPE-OFFLINE-PUBLIC" }],
    });
    expect(decideScopes(cleanApp({ Scope: "read" }), "offline_access read", "authorization_code")).toEqual({
      ok: true,
      granted: ["offline_access", "read"],
    });
  });

  it("refuses a request of which nothing grantable is left", () => {
    const pub = cleanApp({ ClientType: "Public", Scope: "read" });
    expect(decideScopes(pub, "offline_access", "authorization_code")).toMatchObject({ ok: false, error: "invalid_scope", ruleId: "TA-REQ-SCOPE-EMPTY" });
  });

  it("refuses a default that would be empty", () => {
    expect(decideScopes(cleanApp({ Scope: "openid sec" }), null, "client_credentials")).toMatchObject({
      ok: false,
      error: "invalid_scope",
      ruleId: "TA-REQ-SCOPE-EMPTY",
    });
  });

  it("puts the app and the offending scope in the log detail", () => {
    const decision = decideScopes(app, "read delete", "client_credentials");
    expect(decision.ok === false && decision.detail).toBe('com.vendor/portal is not configured for scope "delete"');
  });
});
