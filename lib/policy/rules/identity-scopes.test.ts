import { describe, expect, it } from "vitest";
import { cleanApp, testOptions } from "../testing";
import { scopeIdentityConfigured, scopeOfflinePublic } from "./identity-scopes";

const opts = testOptions();

describe("TA-SCOPE-OFFLINE-PUBLIC", () => {
  it("refuses offline_access on a Public client", () => {
    const app = cleanApp({ ClientType: "Public", HasApplicationSecret: false, Scope: "read offline_access" });
    expect(scopeOfflinePublic.check(app, opts)).toMatchObject([
      { ruleId: "TA-SCOPE-OFFLINE-PUBLIC", severity: "error", field: "Scope", flows: ["authorization_code"] },
    ]);
  });

  it("allows offline_access on a Confidential client", () => {
    expect(scopeOfflinePublic.check(cleanApp({ Scope: "read offline_access" }), opts)).toEqual([]);
  });
});

describe("TA-SCOPE-IDENTITY-CONFIGURED", () => {
  it("notes identity scopes that need not be configured", () => {
    const app = cleanApp({ Scope: "read openid offline_access" });
    expect(scopeIdentityConfigured.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-SCOPE-IDENTITY-CONFIGURED",
        severity: "info",
        field: "Scope",
        message: "Identity scopes need not be configured: offline_access, openid.",
      },
    ]);
  });

  it("leaves offline_access on a Public client to the error", () => {
    const app = cleanApp({ ClientType: "Public", Scope: "read offline_access" });
    expect(scopeIdentityConfigured.check(app, opts)).toEqual([]);
  });

  it("is silent without identity scopes", () => {
    expect(scopeIdentityConfigured.check(cleanApp({ Scope: "read update" }), opts)).toEqual([]);
  });
});
