import { describe, expect, it } from "vitest";
import { cleanApp, serviceUser, testOptions } from "@/lib/policy/testing";
import { explainTokenDecision } from "./explain";

const service = (overrides = {}) =>
  cleanApp({
    ApplicationUri: "com.vendor/sync",
    ImpersonateAsInternalUserAllowed: false,
    ImpersonateLoginUrl: null,
    SystemUserAllowed: true,
    SystemUser: serviceUser(),
    Scope: "read update",
    ...overrides,
  });
const cc = { grantType: "client_credentials", scope: null, clientAuth: "client_secret_basic" as const };
const opts = { policyOptions: testOptions() };
const statuses = (e: ReturnType<typeof explainTokenDecision>) => Object.fromEntries(e.steps.map((s) => [s.id, s.status]));

describe("explainTokenDecision", () => {
  it("walks every step for a service app and says what would be issued", () => {
    const e = explainTokenDecision(service(), cc, { ...opts, accessTokenLifetimeSeconds: 600 });
    expect(e.issued).toBe(true);
    expect(e.steps.map((s) => s.id)).toEqual(["request", "client", "client_auth", "secret", "grant_type", "policy", "grant_allowed", "scope", "issue"]);
    expect(statuses(e)).toMatchObject({ request: "skipped", secret: "skipped", policy: "pass", scope: "pass", issue: "pass" });
    expect(e.steps.at(-1)?.note).toContain('sub "svc-integration"');
    expect(e.steps.at(-1)?.note).toContain('scope "read update"');
    expect(e.steps.at(-1)?.note).toContain("600 s");
  });

  it("names the refusing rule of the policy (error finding for the flow)", () => {
    const e = explainTokenDecision(service({ SystemUser: serviceUser({ IsAdministrator: true }) }), cc, opts);
    expect(e.issued).toBe(false);
    const policy = e.steps.find((s) => s.id === "policy");
    expect(policy).toMatchObject({ status: "fail", error: "unauthorized_client", ruleId: "TA-SYSTEM-USER-ADMIN", httpStatus: 400 });
    expect(statuses(e)).toMatchObject({ grant_allowed: "not_reached", scope: "not_reached", issue: "not_reached" });
    expect(e.findings.some((f) => f.ruleId === "TA-SYSTEM-USER-ADMIN")).toBe(true);
  });

  it("names the request rule of a refused scope", () => {
    for (const [scope, ruleId] of [
      ["openid", "TA-REQ-SCOPE-IDENTITY-IN-CC"],
      ["sec", "TA-REQ-SCOPE-SEC"],
      ["DomainApi", "TA-REQ-SCOPE-DEPRECATED"],
      ["read  update", "TA-REQ-SCOPE-SYNTAX"],
      ["delete", "TA-REQ-SCOPE-NOT-ALLOWED"],
    ] as const) {
      const e = explainTokenDecision(service(), { ...cc, scope }, opts);
      expect(e.steps.find((s) => s.id === "scope"), scope).toMatchObject({ status: "fail", error: "invalid_scope", ruleId });
    }
  });

  it("refuses a disabled app first, like the endpoint (invalid_client, 401)", () => {
    const e = explainTokenDecision(service({ IsEnabled: false }), cc, opts);
    expect(e.steps.find((s) => s.id === "client")).toMatchObject({ status: "fail", error: "invalid_client", httpStatus: 401, ruleId: "TA-APP-DISABLED" });
  });

  it("explains authentication method mismatches and grant types", () => {
    expect(explainTokenDecision(service(), { ...cc, clientAuth: "none" }, opts).steps.find((s) => s.id === "client_auth")?.error).toBe("invalid_client");
    const spa = cleanApp({ ClientType: "Public", HasApplicationSecret: false });
    expect(explainTokenDecision(spa, { ...cc, clientAuth: "client_secret_post" }, opts).steps.find((s) => s.id === "client_auth")?.status).toBe("fail");
    const spaNone = explainTokenDecision(spa, { ...cc, clientAuth: "none" }, opts);
    expect(spaNone.steps.find((s) => s.id === "grant_allowed")).toMatchObject({ status: "fail", error: "unauthorized_client" });
    const pw = explainTokenDecision(service(), { ...cc, grantType: "password" }, opts);
    expect(pw.steps.find((s) => s.id === "grant_type")).toMatchObject({ status: "fail", error: "unsupported_grant_type" });
    expect(explainTokenDecision(null, cc, opts).steps.find((s) => s.id === "client")?.error).toBe("invalid_client");
  });

  it("an interactive-only app may not use client_credentials", () => {
    const e = explainTokenDecision(cleanApp(), cc, opts);
    expect(e.steps.find((s) => s.id === "grant_allowed")).toMatchObject({ status: "fail", error: "unauthorized_client" });
    expect(e.steps.find((s) => s.id === "grant_allowed")?.ruleId).toBeUndefined();
  });
});

describe("explainTokenDecision for the user grants", () => {
  const dashboard = (overrides = {}) => cleanApp({ ImpersonateLogoutUrl: "https://portal.vendor.com/bye", ...overrides });
  const jdoe = { login: "jdoe", Type: "Internal" as const, IsActive: true, hasPassword: true, authorizedScope: null };
  const code = { grantType: "authorization_code", scope: "openid read", clientAuth: "client_secret_basic" as const, user: jdoe };
  const ids = (e: ReturnType<typeof explainTokenDecision>) => e.steps.map((s) => s.id);

  it("walks the authorization endpoint, the user and the token endpoint, in that order", () => {
    const e = explainTokenDecision(dashboard(), code, opts);
    expect(e.issued).toBe(true);
    expect(ids(e)).toEqual([
      "authorize-client", "authorize-redirect_uri", "authorize-params", "authorize-response_type", "authorize-policy", "authorize-pkce", "authorize-scope", "authorize-prompt",
      "user-sign-in", "user-consent",
      "client", "client_auth", "secret", "grant_type", "policy", "grant_allowed", "code", "grant_holds", "issue",
    ]);
    expect(e.steps.find((s) => s.id === "user-consent")?.note).toContain("asks jdoe to allow: openid read");
    expect(e.steps.find((s) => s.id === "code")?.status).toBe("skipped");
    expect(e.steps.at(-1)?.note).toContain("an ID token");
  });

  it("an unregistered redirect URI is refused on the page, never redirected to", () => {
    const e = explainTokenDecision(dashboard(), { ...code, redirectUri: "https://evil.example.net/cb" }, opts);
    expect(e.steps.find((s) => s.id === "authorize-redirect_uri")).toMatchObject({ status: "fail", answer: "page", ruleId: "TA-REQ-REDIRECT-UNREGISTERED" });
    expect(e.steps.find((s) => s.id === "issue")?.status).toBe("not_reached");
  });

  it("a user of a type the app does not accept is told so, as the sign-in page does", () => {
    const e = explainTokenDecision(dashboard(), { ...code, user: { ...jdoe, Type: "Community" } }, opts);
    expect(e.steps.find((s) => s.id === "user-sign-in")).toMatchObject({ status: "fail", error: "access_denied", ruleId: "TA-REQ-USER-TYPE", answer: "page" });
    expect(e.issued).toBe(false);
  });

  it("names the authorize check that refuses (PKCE is assumed, scopes are not)", () => {
    const sec = explainTokenDecision(dashboard(), { ...code, scope: "openid sec" }, opts);
    expect(sec.steps.find((s) => s.id === "authorize-scope")).toMatchObject({ status: "fail", error: "invalid_scope", answer: "redirect", ruleId: "TA-REQ-SCOPE-SEC" });
    const off = explainTokenDecision(dashboard({ ImpersonateAsInternalUserAllowed: false }), code, opts);
    expect(off.steps.find((s) => s.id === "authorize-policy")).toMatchObject({ status: "fail", error: "unauthorized_client", ruleId: "TA-REQ-INTERACTIVE-OFF" });
  });

  it("refresh: only for Confidential apps, never wider than granted, and only while the grant holds", () => {
    const refresh = { grantType: "refresh_token", scope: null, clientAuth: "client_secret_basic" as const, user: { ...jdoe, authorizedScope: "openid offline_access read" } };
    const ok = explainTokenDecision(dashboard(), refresh, opts);
    expect(ok.issued).toBe(true);
    expect(ids(ok)).toEqual(["client", "client_auth", "secret", "grant_type", "policy", "grant_allowed", "refresh", "grant_holds", "scope", "issue"]);
    expect(explainTokenDecision(dashboard(), { ...refresh, scope: "read update" }, opts).steps.find((s) => s.id === "scope")).toMatchObject({ status: "fail", ruleId: "TA-REQ-SCOPE-WIDER" });
    expect(explainTokenDecision(dashboard({ ClientType: "Public", HasApplicationSecret: false }), { ...refresh, clientAuth: "none" }, opts).steps.find((s) => s.id === "grant_allowed")).toMatchObject({
      status: "fail",
      error: "unauthorized_client",
      ruleId: "TA-REQ-REFRESH-PUBLIC",
    });
    expect(explainTokenDecision(dashboard(), { ...refresh, user: { ...refresh.user, authorizedScope: null } }, opts).steps.find((s) => s.id === "grant_holds")).toMatchObject({
      status: "fail",
      error: "invalid_grant",
      ruleId: "TA-REQ-GRANT-REVOKED",
    });
    expect(explainTokenDecision(dashboard({ IsEnabled: false }), refresh, opts).steps.find((s) => s.id === "secret")).toMatchObject({ status: "fail", error: "invalid_grant" });
  });
});
