import { describe, expect, it } from "vitest";
import { cleanApp, daysBefore, testOptions } from "../testing";
import { secretAgeUnknown, secretMissing, secretOnPublic, secretRotation } from "./secrets";

const opts = testOptions();

describe("TA-SECRET-MISSING", () => {
  it("refuses a Confidential client without a secret", () => {
    const app = cleanApp({ HasApplicationSecret: false, SecretCreatedUtc: null });
    expect(secretMissing.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-SECRET-MISSING",
        severity: "error",
        field: "HasApplicationSecret",
        flows: ["client_credentials", "authorization_code"],
      },
    ]);
  });

  it("passes a Confidential client with a secret and a Public client without", () => {
    expect(secretMissing.check(cleanApp(), opts)).toEqual([]);
    expect(secretMissing.check(cleanApp({ ClientType: "Public", HasApplicationSecret: false }), opts)).toEqual([]);
  });
});

describe("TA-SECRET-ON-PUBLIC", () => {
  it("refuses a Public client holding a secret", () => {
    const app = cleanApp({ ClientType: "Public", HasApplicationSecret: true });
    expect(secretOnPublic.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-SECRET-ON-PUBLIC",
        severity: "error",
        field: "HasApplicationSecret",
        flows: ["authorization_code", "client_credentials"],
      },
    ]);
  });

  it("passes a Public client without a secret", () => {
    expect(secretOnPublic.check(cleanApp({ ClientType: "Public", HasApplicationSecret: false }), opts)).toEqual([]);
  });
});

describe("TA-SECRET-ROTATION", () => {
  it("warns when the secret is older than the rotation period", () => {
    const app = cleanApp({ SecretCreatedUtc: daysBefore(120) });
    expect(secretRotation.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-SECRET-ROTATION",
        severity: "warning",
        field: "SecretCreatedUtc",
        message: "The client secret is 120 days old; rotate it every 90 days.",
      },
    ]);
  });

  it("respects secretRotationDays and the exact boundary", () => {
    const app = cleanApp({ SecretCreatedUtc: daysBefore(90) });
    expect(secretRotation.check(app, opts)).toEqual([]);
    expect(secretRotation.check(app, testOptions({ secretRotationDays: 30 }))).toHaveLength(1);
  });

  it("is silent for a fresh secret and for Public clients", () => {
    expect(secretRotation.check(cleanApp(), opts)).toEqual([]);
    const pub = cleanApp({ ClientType: "Public", SecretCreatedUtc: daysBefore(400) });
    expect(secretRotation.check(pub, opts)).toEqual([]);
  });
});

describe("TA-SECRET-AGE-UNKNOWN", () => {
  it("notes a secret without a creation date", () => {
    const app = cleanApp({ SecretCreatedUtc: null });
    expect(secretAgeUnknown.check(app, opts)).toMatchObject([
      { ruleId: "TA-SECRET-AGE-UNKNOWN", severity: "info", field: "SecretCreatedUtc" },
    ]);
  });

  it("is silent when the date is known or there is no secret", () => {
    expect(secretAgeUnknown.check(cleanApp(), opts)).toEqual([]);
    expect(secretAgeUnknown.check(cleanApp({ HasApplicationSecret: false, SecretCreatedUtc: null }), opts)).toEqual([]);
  });
});
