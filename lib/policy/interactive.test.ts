import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  acceptedUserTypes,
  consentNeeded,
  decideGrantStillValid,
  decideInteractive,
  decidePkce,
  decidePostLogoutRedirect,
  decideRedirectUri,
  decideRefreshAllowed,
  decideRefreshScopes,
  decideUserType,
  issuesRefreshToken,
  isValidCodeVerifier,
  mergeConsent,
} from "./interactive";
import { getRequestRule } from "./index";
import { cleanApp, testOptions } from "./testing";

const internal = { Type: "Internal" as const, IsActive: true };
const community = { Type: "Community" as const, IsActive: true };
const S256 = createHash("sha256").update("a".repeat(43)).digest("base64url");

describe("who may sign in", () => {
  it("follows the two ImpersonateAs…Allowed flags", () => {
    expect(acceptedUserTypes(cleanApp())).toEqual(["Internal"]);
    expect(acceptedUserTypes(cleanApp({ ImpersonateAsInternalUserAllowed: false, ImpersonateAsCommunityUserAllowed: true }))).toEqual(["Community"]);
    expect(acceptedUserTypes(cleanApp({ ImpersonateAsCommunityUserAllowed: true }))).toEqual(["Internal", "Community"]);
  });

  it("refuses an app with neither flag as unauthorized_client", () => {
    expect(decideInteractive(cleanApp({ ImpersonateAsInternalUserAllowed: false }))).toMatchObject({
      ok: false,
      error: "unauthorized_client",
      ruleId: "TA-REQ-INTERACTIVE-OFF",
    });
    expect(decideInteractive(cleanApp()).ok).toBe(true);
  });

  it("refuses a user type the app does not accept with access_denied", () => {
    expect(decideUserType(cleanApp(), internal).ok).toBe(true);
    expect(decideUserType(cleanApp(), community)).toEqual({
      ok: false,
      error: "access_denied",
      ruleId: "TA-REQ-USER-TYPE",
      detail: "com.vendor/portal does not accept Community users (accepts: Internal)",
    });
  });
});

describe("decideRedirectUri (simple string comparison)", () => {
  const app = cleanApp({ ImpersonateLoginUrl: "https://portal.vendor.com/signin-oidc, https://portal.vendor.com/alt" });

  it("accepts exactly a registered entry", () => {
    expect(decideRedirectUri(app, "https://portal.vendor.com/alt", testOptions())).toEqual({ ok: true, value: "https://portal.vendor.com/alt" });
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["trailing slash", "https://portal.vendor.com/alt/"],
    ["other case", "https://Portal.vendor.com/alt"],
    ["extra query", "https://portal.vendor.com/alt?x=1"],
    ["default port spelled out", "https://portal.vendor.com:443/alt"],
    ["percent-encoded path", "https://portal.vendor.com/%61lt"],
    ["fragment", "https://portal.vendor.com/alt#x"],
    ["the whole list", "https://portal.vendor.com/signin-oidc, https://portal.vendor.com/alt"],
  ])("refuses a %s redirect_uri, with no redirect", (_, uri) => {
    expect(decideRedirectUri(app, uri, testOptions())).toMatchObject({ ok: false, error: "no_redirect", ruleId: "TA-REQ-REDIRECT-UNREGISTERED" });
  });

  it("refuses a registered entry that the configuration rules forbid", () => {
    const http = cleanApp({ ImpersonateLoginUrl: "http://portal.vendor.com/cb" });
    expect(decideRedirectUri(http, "http://portal.vendor.com/cb", testOptions())).toMatchObject({
      ok: false,
      ruleId: "TA-REQ-REDIRECT-UNSAFE",
      detail: expect.stringContaining("TA-REDIRECT-HTTPS"),
    });
    const loopback = cleanApp({ ImpersonateLoginUrl: "http://127.0.0.1:8080/cb" });
    expect(decideRedirectUri(loopback, "http://127.0.0.1:8080/cb", testOptions()).ok).toBe(false);
    expect(decideRedirectUri(loopback, "http://127.0.0.1:8080/cb", testOptions({ allowLoopbackHttp: true })).ok).toBe(true);
  });

  it("is not disturbed by another, broken entry", () => {
    const mixed = cleanApp({ ImpersonateLoginUrl: "https://portal.vendor.com/signin-oidc, http://legacy.vendor.com/cb" });
    expect(decideRedirectUri(mixed, "https://portal.vendor.com/signin-oidc", testOptions()).ok).toBe(true);
  });
});

describe("decidePostLogoutRedirect", () => {
  const app = cleanApp({ ImpersonateLogoutUrl: "https://portal.vendor.com/bye" });
  it("redirects only to an exact ImpersonateLogoutUrl entry of an enabled, known app", () => {
    expect(decidePostLogoutRedirect(app, "https://portal.vendor.com/bye")).toEqual({ ok: true, value: "https://portal.vendor.com/bye" });
    for (const [a, uri] of [
      [app, "https://portal.vendor.com/bye/"],
      [app, "https://portal.vendor.com/signin-oidc"],
      [app, undefined],
      [null, "https://portal.vendor.com/bye"],
      [{ ...app, IsEnabled: false }, "https://portal.vendor.com/bye"],
    ] as const) {
      expect(decidePostLogoutRedirect(a, uri)).toMatchObject({ ok: false, error: "no_redirect", ruleId: "TA-REQ-LOGOUT-REDIRECT-UNREGISTERED" });
    }
  });
});

describe("decidePkce", () => {
  it("requires an S256 challenge of every client", () => {
    expect(decidePkce(S256, "S256").ok).toBe(true);
    expect(decidePkce(undefined, "S256")).toMatchObject({ ok: false, error: "invalid_request", ruleId: "TA-REQ-PKCE-REQUIRED" });
    expect(decidePkce("", undefined)).toMatchObject({ ruleId: "TA-REQ-PKCE-REQUIRED" });
    expect(decidePkce(S256, "plain")).toMatchObject({ ok: false, error: "invalid_request", ruleId: "TA-REQ-PKCE-S256" });
    expect(decidePkce(S256, undefined)).toMatchObject({ ruleId: "TA-REQ-PKCE-S256", detail: "code_challenge_method absent (plain)" });
    expect(decidePkce(S256, "s256")).toMatchObject({ ruleId: "TA-REQ-PKCE-S256" });
    expect(decidePkce("short", "S256")).toMatchObject({ ruleId: "TA-REQ-PKCE-S256" });
    expect(decidePkce(`${S256}+`, "S256")).toMatchObject({ ruleId: "TA-REQ-PKCE-S256" });
  });

  it("knows a verifier's grammar (RFC 7636 §4.1)", () => {
    expect(isValidCodeVerifier("a".repeat(43))).toBe(true);
    expect(isValidCodeVerifier("a".repeat(42))).toBe(false);
    expect(isValidCodeVerifier("a".repeat(129))).toBe(false);
    expect(isValidCodeVerifier(`${"a".repeat(43)} `)).toBe(false);
  });
});

describe("consent", () => {
  it("asks again only for scopes not yet allowed", () => {
    expect(consentNeeded(null, ["read"])).toBe(true);
    expect(consentNeeded("openid read", ["read"])).toBe(false);
    expect(consentNeeded("openid read", ["openid", "read"])).toBe(false);
    expect(consentNeeded("openid read", ["openid", "read", "offline_access"])).toBe(true);
  });

  it("keeps what was allowed before", () => {
    expect(mergeConsent("openid read", ["read", "offline_access"])).toBe("openid read offline_access");
    expect(mergeConsent(null, ["read"])).toBe("read");
  });
});

describe("refresh tokens", () => {
  it("are issued only to Confidential apps granted offline_access", () => {
    expect(issuesRefreshToken(cleanApp(), ["read", "offline_access"])).toBe(true);
    expect(issuesRefreshToken(cleanApp(), ["read"])).toBe(false);
    expect(issuesRefreshToken(cleanApp({ ClientType: "Public" }), ["read", "offline_access"])).toBe(false);
  });

  it("are refused from a Public app", () => {
    expect(decideRefreshAllowed(cleanApp()).ok).toBe(true);
    expect(decideRefreshAllowed(cleanApp({ ClientType: "Public" }))).toMatchObject({ ok: false, error: "unauthorized_client", ruleId: "TA-REQ-REFRESH-PUBLIC" });
  });

  it("may narrow the scope, never widen it (RFC 6749 §6)", () => {
    const granted = ["openid", "read", "offline_access"];
    expect(decideRefreshScopes(granted, null)).toEqual({ ok: true, value: granted });
    expect(decideRefreshScopes(granted, "")).toEqual({ ok: true, value: granted });
    expect(decideRefreshScopes(granted, "read read")).toEqual({ ok: true, value: ["read"] });
    expect(decideRefreshScopes(granted, "read update")).toMatchObject({ ok: false, error: "invalid_scope", ruleId: "TA-REQ-SCOPE-WIDER" });
    expect(decideRefreshScopes(granted, "read  openid")).toMatchObject({ ok: false, error: "invalid_scope", ruleId: "TA-REQ-SCOPE-SYNTAX" });
  });
});

describe("decideGrantStillValid", () => {
  const scopes = ["openid", "read"];
  it("holds while app, user and Authorization do", () => {
    expect(decideGrantStillValid(cleanApp(), internal, "openid read offline_access", scopes).ok).toBe(true);
  });

  it.each([
    ["a disabled app", cleanApp({ IsEnabled: false }), internal, "openid read", "TA-REQ-GRANT-REVOKED"],
    ["an inactive user", cleanApp(), { ...internal, IsActive: false }, "openid read", "TA-REQ-GRANT-REVOKED"],
    ["a revoked Authorization", cleanApp(), internal, null, "TA-REQ-GRANT-REVOKED"],
    ["an Authorization that no longer covers the scopes", cleanApp(), internal, "openid", "TA-REQ-GRANT-REVOKED"],
    ["a user type the app stopped accepting", cleanApp(), community, "openid read", "TA-REQ-USER-TYPE"],
  ])("fails with invalid_grant for %s", (_, app, user, authorized, ruleId) => {
    expect(decideGrantStillValid(app, user, authorized, scopes)).toMatchObject({ ok: false, error: "invalid_grant", ruleId });
  });
});

describe("every rule id a decision returns is documented", () => {
  it("is a request rule", () => {
    for (const id of [
      "TA-REQ-REDIRECT-UNREGISTERED",
      "TA-REQ-REDIRECT-UNSAFE",
      "TA-REQ-INTERACTIVE-OFF",
      "TA-REQ-USER-TYPE",
      "TA-REQ-PKCE-REQUIRED",
      "TA-REQ-PKCE-S256",
      "TA-REQ-REFRESH-PUBLIC",
      "TA-REQ-SCOPE-WIDER",
      "TA-REQ-GRANT-REVOKED",
      "TA-REQ-LOGOUT-REDIRECT-UNREGISTERED",
    ]) {
      expect(getRequestRule(id), id).toBeDefined();
    }
  });
});
