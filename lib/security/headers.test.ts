import { describe, expect, it } from "vitest";
import { NON_PAGE_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, STATIC_SECURITY_HEADERS, strictTransportSecurity } from "./headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1).join(" ")]));

describe("security headers", () => {
  it("page CSP: nonce-based scripts, nothing framed, no base, forms to ourselves", () => {
    const d = directives(pageContentSecurityPolicy({ nonce: "abc123", dev: false, https: false }));
    expect(d.get("default-src")).toBe("'self'");
    expect(d.get("script-src")).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'none'");
    expect(d.get("form-action")).toBe("'self'");
    expect(d.get("object-src")).toBe("'none'");
    expect(d.has("upgrade-insecure-requests")).toBe(false);
    expect(pageContentSecurityPolicy({ nonce: "n", dev: false, https: false })).not.toMatch(/unsafe/);
  });

  it("development adds only what next dev needs; https upgrades subresources", () => {
    const dev = directives(pageContentSecurityPolicy({ nonce: "n", dev: true, https: false }));
    expect(dev.get("script-src")).toBe("'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(dev.get("style-src")).toBe("'self' 'unsafe-inline'");
    expect(directives(pageContentSecurityPolicy({ nonce: "n", dev: false, https: false })).get("style-src")).toBe("'self' 'nonce-n'");
    expect(directives(pageContentSecurityPolicy({ nonce: "n", dev: false, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("the identity server's sign-in and consent pages may post forms that redirect to an app (https, loopback http only where allowed)", () => {
    const redirecting = directives(pageContentSecurityPolicy({ nonce: "n", dev: false, https: true, redirectingForms: { loopbackHttp: false } }));
    expect(redirecting.get("form-action")).toBe("'self' https:");
    expect(redirecting.get("frame-ancestors")).toBe("'none'");
    const loopback = directives(pageContentSecurityPolicy({ nonce: "n", dev: false, https: false, redirectingForms: { loopbackHttp: true } }));
    expect(loopback.get("form-action")).toBe("'self' https: http://localhost:* http://127.0.0.1:* http://[::1]:*");
  });

  it("non-page answers allow nothing; the static headers include COOP and Permissions-Policy", () => {
    expect(directives(NON_PAGE_CONTENT_SECURITY_POLICY).get("default-src")).toBe("'none'");
    const keys = STATIC_SECURITY_HEADERS.map((h) => h.key);
    expect(keys).toEqual(expect.arrayContaining(["Cross-Origin-Opener-Policy", "Permissions-Policy", "X-Content-Type-Options", "X-Frame-Options"]));
  });

  it("HSTS only when the public origin is https", () => {
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    expect(strictTransportSecurity("https://console.example.com")).toBe("max-age=63072000; includeSubDomains");
  });
});
