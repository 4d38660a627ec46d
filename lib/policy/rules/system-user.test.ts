import { describe, expect, it } from "vitest";
import { cleanApp, serviceUser, testOptions } from "../testing";
import { systemUserMissing, systemUserPublicClient, systemUserUnused } from "./system-user";

const opts = testOptions();

describe("TA-SYSTEM-USER-MISSING", () => {
  it("refuses client credentials when no SystemUser is assigned", () => {
    const app = cleanApp({ SystemUserAllowed: true, SystemUser: null });
    expect(systemUserMissing.check(app, opts)).toMatchObject([
      { ruleId: "TA-SYSTEM-USER-MISSING", severity: "error", field: "SystemUser", flows: ["client_credentials"] },
    ]);
  });

  it("passes with a SystemUser, or with service access off", () => {
    expect(systemUserMissing.check(cleanApp({ SystemUserAllowed: true, SystemUser: serviceUser() }), opts)).toEqual([]);
    expect(systemUserMissing.check(cleanApp({ SystemUserAllowed: false }), opts)).toEqual([]);
  });
});

describe("TA-SYSTEM-USER-PUBLIC-CLIENT", () => {
  it("refuses service access for a Public client (RFC 6749 §4.4)", () => {
    const app = cleanApp({ ClientType: "Public", SystemUserAllowed: true, SystemUser: serviceUser() });
    expect(systemUserPublicClient.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-SYSTEM-USER-PUBLIC-CLIENT",
        severity: "error",
        field: "SystemUserAllowed",
        flows: ["client_credentials"],
      },
    ]);
  });

  it("passes for a Confidential service app and for a Public app without service access", () => {
    const svc = cleanApp({ SystemUserAllowed: true, SystemUser: serviceUser() });
    expect(systemUserPublicClient.check(svc, opts)).toEqual([]);
    expect(systemUserPublicClient.check(cleanApp({ ClientType: "Public" }), opts)).toEqual([]);
  });
});

describe("TA-SYSTEM-USER-UNUSED", () => {
  it("notes a SystemUser that service access does not use", () => {
    const app = cleanApp({ SystemUserAllowed: false, SystemUser: serviceUser() });
    expect(systemUserUnused.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-SYSTEM-USER-UNUSED",
        severity: "info",
        field: "SystemUser",
        flows: [],
        message: 'SystemUser "svc-integration" is assigned but SystemUserAllowed is off, so it is not used.',
      },
    ]);
  });

  it("is silent when Basic auth uses the SystemUser (seed 003) or service access is on", () => {
    const basic = cleanApp({ BasicAuthenticationAllowed: true, SystemUser: serviceUser() });
    expect(systemUserUnused.check(basic, opts)).toEqual([]);
    const svc = cleanApp({ SystemUserAllowed: true, SystemUser: serviceUser() });
    expect(systemUserUnused.check(svc, opts)).toEqual([]);
  });
});
