import { describe, expect, it } from "vitest";
import { cleanApp, testOptions } from "../testing";
import { redirectFragment, redirectHttps, redirectNotAbsolute, redirectPlaceholder, redirectWildcard } from "./redirects";

const opts = testOptions();

describe("TA-REDIRECT-NOT-ABSOLUTE", () => {
  it("reports a relative login URI with its position", () => {
    const app = cleanApp({ ImpersonateLoginUrl: "https://a.example.com/cb, /signin-oidc" });
    expect(redirectNotAbsolute.check(app, opts)).toEqual([
      {
        ruleId: "TA-REDIRECT-NOT-ABSOLUTE",
        severity: "error",
        field: "ImpersonateLoginUrl",
        message: 'Login redirect URI 2 "/signin-oidc" is not an absolute URI.',
        fix: redirectNotAbsolute.fix,
        flows: ["authorization_code"],
      },
    ]);
  });

  it("reports whitespace inside a URI and an https URI without //", () => {
    const app = cleanApp({
      ImpersonateLogoutUrl: "https://a.example.com/signed out",
      SystemUserLoginUrl: "https:svc.example.com/login",
    });
    const found = redirectNotAbsolute.check(app, opts);
    expect(found.map((f) => [f.ruleId, f.severity, f.field, f.message])).toEqual([
      ["TA-REDIRECT-NOT-ABSOLUTE", "error", "ImpersonateLogoutUrl", 'Logout redirect URI 1 "https://a.example.com/signed out" contains whitespace.'],
      ["TA-REDIRECT-NOT-ABSOLUTE", "error", "SystemUserLoginUrl", 'SystemUserLoginUrl "https:svc.example.com/login" is not an absolute URI.'],
    ]);
  });

  it("accepts absolute URIs, and empty list entries are not URIs at all", () => {
    const app = cleanApp({
      ImpersonateLoginUrl: " https://a.example.com/cb ,, https://b.example.com/cb?x=1 ",
      SystemUserLoginUrl: "https://svc.example.com/login",
    });
    expect(redirectNotAbsolute.check(app, opts)).toEqual([]);
  });
});

describe("TA-REDIRECT-HTTPS", () => {
  it("refuses http on a public host", () => {
    const app = cleanApp({ ImpersonateLoginUrl: "http://portal.vendor.com/signin-oidc" });
    expect(redirectHttps.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-REDIRECT-HTTPS",
        severity: "error",
        field: "ImpersonateLoginUrl",
        flows: ["authorization_code"],
        message: 'Login redirect URI 1 "http://portal.vendor.com/signin-oidc" uses http: instead of https:.',
      },
    ]);
  });

  it("refuses custom schemes and checks SystemUserLoginUrl too", () => {
    const app = cleanApp({ ImpersonateLoginUrl: "com.vendor.app:/callback", SystemUserLoginUrl: "ftp://x.example.com/" });
    expect(redirectHttps.check(app, opts).map((f) => [f.ruleId, f.severity, f.field])).toEqual([
      ["TA-REDIRECT-HTTPS", "error", "ImpersonateLoginUrl"],
      ["TA-REDIRECT-HTTPS", "error", "SystemUserLoginUrl"],
    ]);
  });

  it("allows loopback http only when allowLoopbackHttp is on (RFC 8252 §7.3)", () => {
    const app = cleanApp({
      ImpersonateLoginUrl: "http://127.0.0.1:5000/cb,http://[::1]:5000/cb,http://localhost:5000/cb",
    });
    const strict = redirectHttps.check(app, opts);
    expect(strict).toHaveLength(3);
    expect(strict[0]).toMatchObject({
      ruleId: "TA-REDIRECT-HTTPS",
      severity: "error",
      field: "ImpersonateLoginUrl",
      message: 'Login redirect URI 1 "http://127.0.0.1:5000/cb" uses http on a loopback host, which is allowed only in local development.',
    });
    expect(redirectHttps.check(app, testOptions({ allowLoopbackHttp: true }))).toEqual([]);
  });

  it("does not let allowLoopbackHttp open http on other hosts", () => {
    const app = cleanApp({ ImpersonateLoginUrl: "http://127.0.0.1.nip.io/cb" });
    expect(redirectHttps.check(app, testOptions({ allowLoopbackHttp: true }))).toHaveLength(1);
  });

  it("accepts https and ignores URIs that are not absolute (reported elsewhere)", () => {
    const app = cleanApp({ ImpersonateLoginUrl: "https://a.example.com/cb,/relative" });
    expect(redirectHttps.check(app, opts)).toEqual([]);
  });
});

describe("TA-REDIRECT-WILDCARD", () => {
  it("reports a wildcard host", () => {
    const app = cleanApp({ ImpersonateLoginUrl: "https://*.vendor.com/signin-oidc" });
    expect(redirectWildcard.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-REDIRECT-WILDCARD",
        severity: "error",
        field: "ImpersonateLoginUrl",
        flows: ["authorization_code"],
      },
    ]);
  });

  it("reports a wildcard path in the logout list", () => {
    const app = cleanApp({ ImpersonateLogoutUrl: "https://a.vendor.com/*" });
    expect(redirectWildcard.check(app, opts)).toMatchObject([
      { ruleId: "TA-REDIRECT-WILDCARD", severity: "error", field: "ImpersonateLogoutUrl" },
    ]);
  });

  it("passes exact URIs", () => {
    expect(redirectWildcard.check(cleanApp(), opts)).toEqual([]);
  });
});

describe("TA-REDIRECT-FRAGMENT", () => {
  it("reports a fragment, even an empty one (RFC 6749 §3.1.2)", () => {
    const app = cleanApp({ ImpersonateLoginUrl: "https://a.vendor.com/cb#x,https://a.vendor.com/cb2#" });
    expect(redirectFragment.check(app, opts).map((f) => [f.ruleId, f.severity, f.field, f.flows])).toEqual([
      ["TA-REDIRECT-FRAGMENT", "error", "ImpersonateLoginUrl", ["authorization_code"]],
      ["TA-REDIRECT-FRAGMENT", "error", "ImpersonateLoginUrl", ["authorization_code"]],
    ]);
  });

  it("passes a URI with a query but no fragment", () => {
    const app = cleanApp({ ImpersonateLoginUrl: "https://a.vendor.com/cb?tenant=1" });
    expect(redirectFragment.check(app, opts)).toEqual([]);
  });
});

describe("TA-REDIRECT-PLACEHOLDER", () => {
  it("flags the reserved example names of RFC 2606 and RFC 6761, wherever they are registered", () => {
    const app = cleanApp({
      ImpersonateLoginUrl: "https://portal.example.com/signin-oidc,https://app.vendor.com/cb,https://example.org/cb,https://shop.test/cb",
      ImpersonateLogoutUrl: "https://signout.invalid/,https://x.example/",
      SystemUserLoginUrl: "https://EXAMPLE.NET./login",
    });
    expect(redirectPlaceholder.check(app, opts).map((f) => [f.severity, f.field, f.message])).toEqual([
      ["warning", "ImpersonateLoginUrl", 'Login redirect URI 1 "https://portal.example.com/signin-oidc" is on the reserved example name example.com: a placeholder, not the app\'s redirect URI.'],
      ["warning", "ImpersonateLoginUrl", 'Login redirect URI 3 "https://example.org/cb" is on the reserved example name example.org: a placeholder, not the app\'s redirect URI.'],
      ["warning", "ImpersonateLoginUrl", 'Login redirect URI 4 "https://shop.test/cb" is on the reserved example name .test: a placeholder, not the app\'s redirect URI.'],
      ["warning", "ImpersonateLogoutUrl", 'Logout redirect URI 1 "https://signout.invalid/" is on the reserved example name .invalid: a placeholder, not the app\'s redirect URI.'],
      ["warning", "ImpersonateLogoutUrl", 'Logout redirect URI 2 "https://x.example/" is on the reserved example name .example: a placeholder, not the app\'s redirect URI.'],
      ["warning", "SystemUserLoginUrl", 'SystemUserLoginUrl "https://EXAMPLE.NET./login" is on the reserved example name example.net: a placeholder, not the app\'s redirect URI.'],
    ]);
  });

  it("flags localhost names only in production, never loopback addresses or look-alikes", () => {
    const app = cleanApp({ ImpersonateLoginUrl: "https://localhost/cb,https://app.localhost:8443/cb,https://127.0.0.1/cb,https://myexample.com/cb,https://example.com.vendor.com/cb" });
    expect(redirectPlaceholder.check(app, opts).map((f) => f.message)).toEqual([
      'Login redirect URI 1 "https://localhost/cb" is a localhost name, which in production is the user\'s own machine: a placeholder, not the app\'s redirect URI.',
      'Login redirect URI 2 "https://app.localhost:8443/cb" is a localhost name, which in production is the user\'s own machine: a placeholder, not the app\'s redirect URI.',
    ]);
    expect(redirectPlaceholder.check(app, testOptions({ allowLoopbackHttp: true }))).toEqual([]);
  });
});
