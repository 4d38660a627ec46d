import { describe, expect, it } from "vitest";
import { cleanApp, serviceUser, testOptions } from "../testing";
import { modeCommunityOnly, modeNone, modeUserAndSystem } from "./modes";

const opts = testOptions();

describe("TA-MODE-NONE", () => {
  it("warns when no mode is enabled", () => {
    const app = cleanApp({ ImpersonateAsInternalUserAllowed: false });
    expect(modeNone.check(app, opts)).toMatchObject([
      { ruleId: "TA-MODE-NONE", severity: "warning", field: "SystemUserAllowed", flows: [] },
    ]);
  });

  it("is silent when any one mode is on", () => {
    expect(modeNone.check(cleanApp(), opts)).toEqual([]);
    const svc = cleanApp({ ImpersonateAsInternalUserAllowed: false, SystemUserAllowed: true, SystemUser: serviceUser() });
    expect(modeNone.check(svc, opts)).toEqual([]);
  });
});

describe("TA-MODE-USER-AND-SYSTEM", () => {
  it("warns about the hybrid combination (seed 004)", () => {
    const app = cleanApp({ SystemUserAllowed: true, SystemUser: serviceUser() });
    expect(modeUserAndSystem.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-MODE-USER-AND-SYSTEM",
        severity: "warning",
        field: "SystemUserAllowed",
        flows: ["authorization_code", "client_credentials"],
      },
    ]);
  });

  it("is silent for interactive-only and service-only apps", () => {
    expect(modeUserAndSystem.check(cleanApp(), opts)).toEqual([]);
    const svc = cleanApp({ ImpersonateAsInternalUserAllowed: false, SystemUserAllowed: true, SystemUser: serviceUser() });
    expect(modeUserAndSystem.check(svc, opts)).toEqual([]);
  });
});

describe("TA-MODE-COMMUNITY-ONLY", () => {
  it("warns when only community users may sign in", () => {
    const app = cleanApp({ ImpersonateAsInternalUserAllowed: false, ImpersonateAsCommunityUserAllowed: true });
    expect(modeCommunityOnly.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-MODE-COMMUNITY-ONLY",
        severity: "warning",
        field: "ImpersonateAsInternalUserAllowed",
        flows: ["authorization_code"],
      },
    ]);
  });

  it("is silent when internal users are allowed too", () => {
    const app = cleanApp({ ImpersonateAsCommunityUserAllowed: true });
    expect(modeCommunityOnly.check(app, opts)).toEqual([]);
  });
});
