// Redirect URI syntax: every registered URI (ImpersonateLoginUrl, ImpersonateLogoutUrl,
// SystemUserLoginUrl) must be an absolute https URI without wildcard or fragment.
// A broken redirect URI refuses the authorization code flow (where redirects happen).

import { analyze, redirectLabel } from "../analysis";
import { finding, q, type PolicyRule } from "../rule";
import type { Finding } from "../types";

export const redirectNotAbsolute: PolicyRule = {
  id: "TA-REDIRECT-NOT-ABSOLUTE",
  severity: "error",
  title: "Redirect URI is not an absolute URI",
  triggers:
    "An entry of ImpersonateLoginUrl or ImpersonateLogoutUrl, or SystemUserLoginUrl, is relative, unparseable, contains whitespace, or lacks the // of an http(s) URI.",
  why: "Redirect URIs are compared exactly; a relative or sloppy value can never match a real request, or matches something the admin did not mean.",
  seed: [
    { source: "002", sentence: "Register all redirect URIs exactly in the Trusted Application definition." },
    {
      source: "RFC 6749 §3.1.2",
      sentence: "The redirection endpoint URI MUST be an absolute URI as defined by [RFC3986] Section 4.3.",
    },
  ],
  fix: "Write the full URI, e.g. https://app.example.com/signin-oidc.",
  flows: ["authorization_code"],
  check(app) {
    const out: Finding[] = [];
    for (const r of analyze(app).redirects) {
      if (r.url.absolute) continue;
      const reason = r.url.whitespace ? "contains whitespace" : "is not an absolute URI";
      out.push(finding(redirectNotAbsolute, r.field, `${redirectLabel(r)} ${q(r.url.raw)} ${reason}.`));
    }
    return out;
  },
};

export const redirectHttps: PolicyRule = {
  id: "TA-REDIRECT-HTTPS",
  severity: "error",
  title: "Redirect URI does not use HTTPS",
  triggers:
    "An absolute redirect URI whose scheme is not https. http on a loopback host (127.0.0.1, [::1], localhost) is allowed only when allowLoopbackHttp (local development) is on.",
  why: "Authorization codes travel to the redirect URI; over plain http they can be read or altered on the way.",
  seed: [
    { source: "000", sentence: "Restrict redirect URIs to exact, HTTPS-based matches." },
    { source: "002", sentence: "Redirect URIs must also use HTTPS for production deployments." },
    { source: "002", sentence: "Never use http:// except in local development with valid self-signed certificates." },
  ],
  fix: "Use an https:// redirect URI.",
  flows: ["authorization_code"],
  check(app, opts) {
    const out: Finding[] = [];
    for (const r of analyze(app).redirects) {
      const { absolute, scheme, loopback, raw } = r.url;
      if (!absolute || scheme === "https") continue;
      if (scheme === "http" && loopback) {
        if (opts.allowLoopbackHttp) continue;
        out.push(
          finding(
            redirectHttps,
            r.field,
            `${redirectLabel(r)} ${q(raw)} uses http on a loopback host, which is allowed only in local development.`,
          ),
        );
        continue;
      }
      out.push(finding(redirectHttps, r.field, `${redirectLabel(r)} ${q(raw)} uses ${scheme}: instead of https:.`));
    }
    return out;
  },
};

export const redirectWildcard: PolicyRule = {
  id: "TA-REDIRECT-WILDCARD",
  severity: "error",
  title: "Redirect URI contains a wildcard",
  triggers: "A redirect URI contains *.",
  why: "Redirect URIs are matched exactly; a wildcard suggests pattern matching, which lets an attacker-chosen URI receive codes.",
  seed: [
    { source: "002", sentence: "Use HTTPS and avoid wildcards." },
    { source: "000", sentence: "Comma-separated list; exact match required." },
    {
      source: "RFC 9700 §2.1",
      sentence:
        "When comparing client redirection URIs against pre-registered URIs, authorization servers MUST utilize exact string matching except for port numbers in localhost redirection URIs of native apps",
    },
  ],
  fix: "Register every redirect URI in full, one per entry, without *.",
  flows: ["authorization_code"],
  check(app) {
    const out: Finding[] = [];
    for (const r of analyze(app).redirects) {
      if (!r.url.wildcard) continue;
      out.push(finding(redirectWildcard, r.field, `${redirectLabel(r)} ${q(r.url.raw)} contains a wildcard (*).`));
    }
    return out;
  },
};

export const redirectFragment: PolicyRule = {
  id: "TA-REDIRECT-FRAGMENT",
  severity: "error",
  title: "Redirect URI contains a fragment",
  triggers: "A redirect URI contains # (even an empty fragment).",
  why: "The seeds are silent; RFC 6749 forbids the fragment component so that the authorization response parameters cannot collide with, or leak through, a fragment.",
  seed: [{ source: "RFC 6749 §3.1.2", sentence: "The endpoint URI MUST NOT include a fragment component." }],
  fix: "Remove the #… part of the redirect URI.",
  flows: ["authorization_code"],
  check(app) {
    const out: Finding[] = [];
    for (const r of analyze(app).redirects) {
      if (!r.url.fragment) continue;
      out.push(finding(redirectFragment, r.field, `${redirectLabel(r)} ${q(r.url.raw)} contains a fragment (#).`));
    }
    return out;
  },
};
