import { describe, expect, it } from "vitest";
import { getRequestRule, getRule, REQUEST_RULES, RULES } from "./index";
import { buildFleetFacts, defaultPolicyOptions, fleetNeighbours, lintApp, lintFleet, relintFleetRules } from "./lint";
import { cleanApp, serviceUser, testOptions } from "./testing";
import { SEVERITIES } from "./types";

const opts = testOptions();

describe("RULES", () => {
  it("is sorted by id, ids are unique and stable-looking", () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set([...ids, ...REQUEST_RULES.map((r) => r.id)]).size).toBe(ids.length + REQUEST_RULES.length);
    for (const id of ids) expect(id).toMatch(/^TA-[A-Z0-9]+(-[A-Z0-9]+)*$/);
  });

  it("documents every rule", () => {
    for (const r of [...RULES, ...REQUEST_RULES]) {
      expect(SEVERITIES).toContain(r.severity);
      for (const text of [r.title, r.triggers, r.why, r.fix]) expect(text.length, r.id).toBeGreaterThan(5);
      expect(r.seed.length, r.id).toBeGreaterThan(0);
    }
    // An error must say which flows it refuses.
    for (const r of RULES.filter((x) => x.severity === "error")) expect(r.flows.length, r.id).toBeGreaterThan(0);
  });

  it("getRule / getRequestRule find rules by id", () => {
    expect(getRule("TA-REDIRECT-HTTPS")?.severity).toBe("error");
    expect(getRule("TA-REQ-SCOPE-SEC")).toBeUndefined();
    expect(getRequestRule("TA-REQ-SCOPE-SEC")?.error).toBe("invalid_scope");
    expect(getRule("nope")).toBeUndefined();
  });
});

describe("lintApp", () => {
  it("finds nothing on the clean interactive app", () => {
    expect(lintApp(cleanApp(), opts)).toEqual([]);
  });

  it("returns findings sorted error, warning, info, then ruleId, with each finding's rule severity", () => {
    const app = cleanApp({
      ImpersonateLoginUrl: "http://a.vendor.com/cb,https://*.vendor.com/cb",
      Scope: "read update sec",
      AccessTokens: "AuthenticatedUsers",
      IsEnabled: false,
    });
    expect(lintApp(app, opts).map((f) => `${f.severity}:${f.ruleId}`)).toEqual([
      "error:TA-REDIRECT-HTTPS",
      "error:TA-REDIRECT-WILDCARD",
      "error:TA-SCOPE-SEC",
      "warning:TA-ACCESS-TOKENS-AUTHENTICATED-USERS",
      "info:TA-APP-DISABLED",
      "info:TA-SCOPE-UPDATE",
    ]);
  });

  it("re-analyses an app object mutated in place (the form edits live)", () => {
    const app = cleanApp();
    expect(lintApp(app, opts)).toEqual([]);
    app.ImpersonateLoginUrl = "http://a.vendor.com/cb";
    app.Scope = "read sec";
    expect(lintApp(app, opts).map((f) => f.ruleId)).toEqual(["TA-REDIRECT-HTTPS", "TA-SCOPE-SEC"]);
  });
});

describe("fleet", () => {
  const a = cleanApp({ ApplicationUri: "com.vendor/a", SystemUserAllowed: true, SystemUser: serviceUser() });
  const b = cleanApp({
    ApplicationUri: "com.vendor/b",
    ImpersonateAsInternalUserAllowed: false,
    ImpersonateLoginUrl: null,
    BasicAuthenticationAllowed: true,
    SystemUser: serviceUser(),
  });

  it("buildFleetFacts indexes SystemUsers in use and login redirect URIs", () => {
    const facts = buildFleetFacts([a, b]);
    expect(facts.systemUserApps.get("svc-integration")).toEqual(["com.vendor/a", "com.vendor/b"]);
    expect(facts.redirectUriApps.get("https://portal.vendor.com/signin-oidc")).toEqual(["com.vendor/a"]);
  });

  it("fleetNeighbours names the other apps sharing the SystemUser or a redirect URI", () => {
    const c = cleanApp({ ApplicationUri: "com.vendor/c", ImpersonateLoginUrl: "https://other.vendor.com/cb, https://portal.vendor.com/signin-oidc" });
    const d = cleanApp({ ApplicationUri: "com.vendor/d", ImpersonateLoginUrl: "https://d.vendor.com/cb" });
    const facts = buildFleetFacts([a, b, c, d]);
    expect([...fleetNeighbours(a, facts)].sort()).toEqual(["com.vendor/b", "com.vendor/c"]);
    expect([...fleetNeighbours(d, facts)]).toEqual([]);
    // An app's previous version, no longer in the facts, still names who shared with it.
    const previous = cleanApp({ ApplicationUri: "com.vendor/gone", ImpersonateLoginUrl: "https://d.vendor.com/cb", SystemUser: serviceUser() });
    expect([...fleetNeighbours(previous, facts)].sort()).toEqual(["com.vendor/a", "com.vendor/b", "com.vendor/d"]);
  });

  it("relintFleetRules gives what lintApp gives when only the fleet changed", () => {
    const c = cleanApp({ ApplicationUri: "com.vendor/c", ImpersonateLoginUrl: "https://portal.vendor.com/signin-oidc", Scope: "read sec" });
    const alone = { ...opts, fleet: buildFleetFacts([c]) };
    const crowded = { ...opts, fleet: buildFleetFacts([a, b, c]) };
    const before = lintApp(c, alone);
    expect(before.map((f) => f.ruleId)).not.toContain("TA-REDIRECT-SHARED");
    expect(relintFleetRules(before, c, crowded)).toEqual(lintApp(c, crowded));
    expect(relintFleetRules(lintApp(c, crowded), c, alone)).toEqual(before);
  });

  it("only the rules marked readsFleet depend on other apps", () => {
    const apps = [a, b, cleanApp({ ApplicationUri: "com.vendor/c", ImpersonateLoginUrl: "https://portal.vendor.com/signin-oidc", SystemUser: serviceUser(), SystemUserAllowed: true })];
    const withFleet = { ...opts, fleet: buildFleetFacts(apps) };
    const changed = RULES.filter((rule) => apps.some((app) => JSON.stringify(rule.check(app, opts)) !== JSON.stringify(rule.check(app, withFleet))));
    expect(changed.map((rule) => rule.id).sort()).toEqual(RULES.filter((rule) => rule.readsFleet).map((rule) => rule.id).sort());
  });

  it("lintFleet lints every app with fleet facts", () => {
    const result = lintFleet([a, b], opts);
    expect(result.map((r) => r.app.ApplicationUri)).toEqual(["com.vendor/a", "com.vendor/b"]);
    expect(result[0]!.findings.map((f) => f.ruleId)).toContain("TA-SYSTEM-USER-SHARED");
    expect(result[1]!.findings.map((f) => f.ruleId)).toContain("TA-SYSTEM-USER-SHARED");
  });
});

describe("defaultPolicyOptions", () => {
  it("defaults to now, 90 days and no loopback http", () => {
    const before = Date.now();
    const o = defaultPolicyOptions();
    expect(o.secretRotationDays).toBe(90);
    expect(o.allowLoopbackHttp).toBe(false);
    expect(o.now.getTime()).toBeGreaterThanOrEqual(before);
    expect("fleet" in o).toBe(false);
  });

  it("keeps what it is given", () => {
    const fleet = buildFleetFacts([]);
    const o = defaultPolicyOptions({ secretRotationDays: 30, allowLoopbackHttp: true, fleet });
    expect(o).toMatchObject({ secretRotationDays: 30, allowLoopbackHttp: true, fleet });
  });
});
