// Redirect URI syntax: every registered URI (ImpersonateLoginUrl, ImpersonateLogoutUrl,
// SystemUserLoginUrl) must be an absolute https URI without wildcard or fragment, on a real
// host rather than a reserved example name.
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

// RFC 2606 §3 second-level names and RFC 2606 §2 / RFC 6761 §6 top-level names that never name
// anybody's real server. `localhost` names (RFC 6761 §6.3) count only in production.
const EXAMPLE_DOMAINS = ["example.com", "example.net", "example.org"] as const;
const RESERVED_TLDS = ["test", "example", "invalid"] as const;

/** The reserved name a host falls under ("example.com", ".test", "localhost"), or null. */
export function reservedExampleName(host: string, allowLocalhost: boolean): string | null {
  const h = host.toLowerCase().replace(/\.$/, "");
  for (const d of EXAMPLE_DOMAINS) if (h === d || h.endsWith(`.${d}`)) return d;
  const tld = h.slice(h.lastIndexOf(".") + 1);
  if ((RESERVED_TLDS as readonly string[]).includes(tld)) return `.${tld}`;
  if (!allowLocalhost && (h === "localhost" || tld === "localhost")) return "localhost";
  return null;
}

export const redirectPlaceholder: PolicyRule = {
  id: "TA-REDIRECT-PLACEHOLDER",
  severity: "warning",
  title: "Redirect URI is a placeholder on a reserved example name",
  triggers:
    "A redirect URI whose host is a reserved example name: example.com, example.net or example.org (or below), a .test, .example or .invalid name, or, in production (allowLoopbackHttp off), localhost or a .localhost name.",
  why: "These names belong to nobody's application: such a URI is an example left in place (the templates show one), and no real sign-in can complete there; a localhost name in production sends the authorization code to whatever runs on the user's own machine.",
  seed: [
    { source: "002", sentence: "Register all redirect URIs exactly in the Trusted Application definition." },
    { source: "RFC 2606 §3", sentence: "The Internet Assigned Numbers Authority (IANA) also currently has the following second level domain names reserved which can be used as examples." },
    { source: "RFC 2606 §2", sentence: '".test" is recommended for use in testing of current or new DNS related code.' },
  ],
  fix: "Replace the example with the app's own redirect URI.",
  flows: ["authorization_code"],
  check(app, opts) {
    const out: Finding[] = [];
    for (const r of analyze(app).redirects) {
      if (!r.url.absolute || r.url.host === "") continue;
      const name = reservedExampleName(r.url.host, opts.allowLoopbackHttp);
      if (name === null) continue;
      const what = name === "localhost" ? "a localhost name, which in production is the user's own machine" : `on the reserved example name ${name}`;
      out.push(finding(redirectPlaceholder, r.field, `${redirectLabel(r)} ${q(r.url.raw)} is ${what}: a placeholder, not the app's redirect URI.`));
    }
    return out;
  },
};
