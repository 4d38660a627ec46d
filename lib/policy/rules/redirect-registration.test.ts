import { describe, expect, it } from "vitest";
import { buildFleetFacts } from "../lint";
import { cleanApp, testOptions } from "../testing";
import { redirectDuplicate, redirectLoginMissing, redirectShared, redirectUnused } from "./redirect-registration";

const opts = testOptions();

describe("TA-REDIRECT-LOGIN-MISSING", () => {
  it("refuses interactive login without a login redirect URI", () => {
    const app = cleanApp({ ImpersonateLoginUrl: " , " });
    expect(redirectLoginMissing.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-REDIRECT-LOGIN-MISSING",
        severity: "error",
        field: "ImpersonateLoginUrl",
        flows: ["authorization_code"],
      },
    ]);
  });

  it("applies to community-only login too", () => {
    const app = cleanApp({
      ImpersonateAsInternalUserAllowed: false,
      ImpersonateAsCommunityUserAllowed: true,
      ImpersonateLoginUrl: null,
    });
    expect(redirectLoginMissing.check(app, opts)).toHaveLength(1);
  });

  it("does not apply to a service-only app", () => {
    const app = cleanApp({ ImpersonateAsInternalUserAllowed: false, ImpersonateLoginUrl: null });
    expect(redirectLoginMissing.check(app, opts)).toEqual([]);
  });
});

describe("TA-REDIRECT-DUPLICATE", () => {
  it("warns once per repeated URI, per list", () => {
    const app = cleanApp({
      ImpersonateLoginUrl: "https://a.vendor.com/cb, https://a.vendor.com/cb,https://a.vendor.com/cb",
      ImpersonateLogoutUrl: "https://a.vendor.com/bye,https://a.vendor.com/bye",
    });
    expect(redirectDuplicate.check(app, opts).map((f) => [f.ruleId, f.severity, f.field, f.message])).toEqual([
      ["TA-REDIRECT-DUPLICATE", "warning", "ImpersonateLoginUrl", 'Login redirect URI "https://a.vendor.com/cb" is listed more than once.'],
      ["TA-REDIRECT-DUPLICATE", "warning", "ImpersonateLogoutUrl", 'Logout redirect URI "https://a.vendor.com/bye" is listed more than once.'],
    ]);
  });

  it("does not compare across the login and logout lists", () => {
    const app = cleanApp({
      ImpersonateLoginUrl: "https://a.vendor.com/cb",
      ImpersonateLogoutUrl: "https://a.vendor.com/cb",
    });
    expect(redirectDuplicate.check(app, opts)).toEqual([]);
  });
});

describe("TA-REDIRECT-SHARED", () => {
  const a = cleanApp({ ApplicationUri: "com.vendor/a", ImpersonateLoginUrl: "https://x.vendor.com/cb" });
  const b = cleanApp({ ApplicationUri: "com.vendor/b", ImpersonateLoginUrl: "https://x.vendor.com/cb,https://x.vendor.com/cb" });
  const c = cleanApp({ ApplicationUri: "com.vendor/c", ImpersonateLoginUrl: "https://c.vendor.com/cb" });

  it("warns when another app registers the same login URI and names it", () => {
    const fleet = buildFleetFacts([a, b, c]);
    expect(redirectShared.check(a, testOptions({ fleet }))).toEqual([
      {
        ruleId: "TA-REDIRECT-SHARED",
        severity: "warning",
        field: "ImpersonateLoginUrl",
        message: 'Login redirect URI "https://x.vendor.com/cb" is also registered by "com.vendor/b".',
        fix: redirectShared.fix,
        flows: ["authorization_code"],
      },
    ]);
    // b lists the URI twice: still one finding, naming a.
    expect(redirectShared.check(b, testOptions({ fleet }))).toHaveLength(1);
  });

  it("is silent for a URI only this app registers, and without fleet facts", () => {
    const fleet = buildFleetFacts([a, b, c]);
    expect(redirectShared.check(c, testOptions({ fleet }))).toEqual([]);
    expect(redirectShared.check(a, opts)).toEqual([]);
  });
});

describe("TA-REDIRECT-UNUSED", () => {
  it("notes redirect URIs on an app nobody signs in to", () => {
    const app = cleanApp({ ImpersonateAsInternalUserAllowed: false, ImpersonateLogoutUrl: "https://a.vendor.com/bye" });
    expect(redirectUnused.check(app, opts).map((f) => [f.ruleId, f.severity, f.field])).toEqual([
      ["TA-REDIRECT-UNUSED", "info", "ImpersonateLoginUrl"],
      ["TA-REDIRECT-UNUSED", "info", "ImpersonateLogoutUrl"],
    ]);
  });

  it("is silent when interactive login uses them", () => {
    expect(redirectUnused.check(cleanApp({ ImpersonateLogoutUrl: "https://a.vendor.com/bye" }), opts)).toEqual([]);
  });
});
