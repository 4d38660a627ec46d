import { describe, expect, it } from "vitest";
import { cleanApp, serviceUser, testOptions } from "../testing";
import { basicAuthDatabase, basicAuthSystemUser } from "./basic-auth";

const opts = testOptions();

describe("TA-BASIC-AUTH-DATABASE", () => {
  it("refuses Basic auth opened for the whole database (seed 003)", () => {
    const app = cleanApp({ BasicAuthenticationAllowed: true, SystemUser: null });
    expect(basicAuthDatabase.check(app, opts)).toMatchObject([
      { ruleId: "TA-BASIC-AUTH-DATABASE", severity: "error", field: "BasicAuthenticationAllowed", flows: ["basic"] },
    ]);
  });

  it("is not the error when a SystemUser limits Basic auth, nor when Basic auth is off", () => {
    expect(basicAuthDatabase.check(cleanApp({ BasicAuthenticationAllowed: true, SystemUser: serviceUser() }), opts)).toEqual([]);
    expect(basicAuthDatabase.check(cleanApp(), opts)).toEqual([]);
  });
});

describe("TA-BASIC-AUTH-SYSTEM-USER", () => {
  it("warns when Basic auth is limited to the SystemUser", () => {
    const app = cleanApp({ BasicAuthenticationAllowed: true, SystemUser: serviceUser() });
    expect(basicAuthSystemUser.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-BASIC-AUTH-SYSTEM-USER",
        severity: "warning",
        field: "BasicAuthenticationAllowed",
        flows: ["basic"],
        message: 'Basic authentication is on, limited to SystemUser "svc-integration".',
      },
    ]);
  });

  it("is silent without Basic auth or without a SystemUser (the error covers that)", () => {
    expect(basicAuthSystemUser.check(cleanApp({ SystemUser: serviceUser() }), opts)).toEqual([]);
    expect(basicAuthSystemUser.check(cleanApp({ BasicAuthenticationAllowed: true }), opts)).toEqual([]);
  });
});
