import { describe, expect, it } from "vitest";
import { buildFleetFacts } from "../lint";
import { cleanApp, serviceUser, testOptions } from "../testing";
import { systemUserAdmin, systemUserInactive, systemUserShared } from "./system-user-privilege";

const opts = testOptions();
const service = (overrides = {}) =>
  cleanApp({ ImpersonateAsInternalUserAllowed: false, SystemUserAllowed: true, SystemUser: serviceUser(), ...overrides });

describe("TA-SYSTEM-USER-ADMIN", () => {
  it("refuses client credentials for an administrator SystemUser", () => {
    const app = service({ SystemUser: serviceUser({ IsAdministrator: true }) });
    expect(systemUserAdmin.check(app, opts)).toEqual([
      {
        ruleId: "TA-SYSTEM-USER-ADMIN",
        severity: "error",
        field: "SystemUser",
        message: 'SystemUser "svc-integration" is an administrator.',
        fix: systemUserAdmin.fix,
        flows: ["client_credentials"],
      },
    ]);
  });

  it("also refuses Basic auth when Basic auth acts as the administrator", () => {
    const app = service({ SystemUser: serviceUser({ IsAdministrator: true }), BasicAuthenticationAllowed: true });
    expect(systemUserAdmin.check(app, opts)[0]).toMatchObject({
      ruleId: "TA-SYSTEM-USER-ADMIN",
      severity: "error",
      field: "SystemUser",
      flows: ["client_credentials", "basic"],
    });
  });

  it("passes an ordinary user, and an administrator that nothing uses", () => {
    expect(systemUserAdmin.check(service(), opts)).toEqual([]);
    const unused = cleanApp({ SystemUser: serviceUser({ IsAdministrator: true }) });
    expect(systemUserAdmin.check(unused, opts)).toEqual([]);
  });
});

describe("TA-SYSTEM-USER-INACTIVE", () => {
  it("refuses client credentials for an inactive SystemUser", () => {
    const app = service({ SystemUser: serviceUser({ IsActive: false }) });
    expect(systemUserInactive.check(app, opts)).toMatchObject([
      { ruleId: "TA-SYSTEM-USER-INACTIVE", severity: "error", field: "SystemUser", flows: ["client_credentials"] },
    ]);
  });

  it("passes an active user", () => {
    expect(systemUserInactive.check(service(), opts)).toEqual([]);
  });
});

describe("TA-SYSTEM-USER-SHARED", () => {
  const a = service({ ApplicationUri: "com.vendor/a" });
  const b = service({ ApplicationUri: "com.vendor/b" });
  const c = service({ ApplicationUri: "com.vendor/c", SystemUser: serviceUser({ Login: "svc-c" }) });
  // d assigns the same user but does not use it (no service access, no Basic auth).
  const d = cleanApp({ ApplicationUri: "com.vendor/d", SystemUser: serviceUser() });

  it("warns when another app uses the same SystemUser", () => {
    const fleet = buildFleetFacts([a, b, c, d]);
    expect(systemUserShared.check(a, testOptions({ fleet }))).toEqual([
      {
        ruleId: "TA-SYSTEM-USER-SHARED",
        severity: "warning",
        field: "SystemUser",
        message: 'SystemUser "svc-integration" is also used by "com.vendor/b".',
        fix: systemUserShared.fix,
        flows: ["client_credentials"],
      },
    ]);
  });

  it("is silent for a dedicated user, for an unused assignment, and without fleet facts", () => {
    const fleet = buildFleetFacts([a, b, c, d]);
    expect(systemUserShared.check(c, testOptions({ fleet }))).toEqual([]);
    expect(systemUserShared.check(d, testOptions({ fleet }))).toEqual([]);
    expect(systemUserShared.check(a, opts)).toEqual([]);
  });

  it("lists at most three other apps", () => {
    const many = ["a", "b", "c", "d", "e", "f"].map((n) => service({ ApplicationUri: `com.vendor/${n}` }));
    const fleet = buildFleetFacts(many);
    expect(systemUserShared.check(many[0]!, testOptions({ fleet }))[0]?.message).toBe(
      'SystemUser "svc-integration" is also used by "com.vendor/b", "com.vendor/c", "com.vendor/d" and 2 more.',
    );
  });
});
