// Which redirect URIs are registered: present when users sign in, not repeated, not
// shared with another app, not left over when nobody signs in.

import { analyze, isInteractive, type RedirectField } from "../analysis";
import { finding, otherApps, q, type PolicyRule } from "../rule";
import type { Finding } from "../types";

export const redirectLoginMissing: PolicyRule = {
  id: "TA-REDIRECT-LOGIN-MISSING",
  severity: "error",
  title: "Interactive login without a login redirect URI",
  triggers:
    "ImpersonateAsInternalUserAllowed or ImpersonateAsCommunityUserAllowed is true and ImpersonateLoginUrl has no entry.",
  why: "Interactive sign-in returns the user to a registered redirect URI; with none registered the authorization code flow cannot complete, and guessing one is exactly what exact matching forbids.",
  seed: [
    { source: "002", sentence: "Register all redirect URIs exactly in the Trusted Application definition." },
    { source: "002", sentence: "Use Authorization Code flow (with PKCE) for interactive apps." },
  ],
  fix: "Add the app's login redirect URI to ImpersonateLoginUrl, or turn interactive login off.",
  flows: ["authorization_code"],
  check(app) {
    if (!isInteractive(app) || analyze(app).loginRaw.length > 0) return [];
    return [
      finding(
        redirectLoginMissing,
        "ImpersonateLoginUrl",
        "Interactive login is enabled but no login redirect URI is registered.",
      ),
    ];
  },
};

export const redirectDuplicate: PolicyRule = {
  id: "TA-REDIRECT-DUPLICATE",
  severity: "warning",
  title: "Redirect URI listed twice",
  triggers: "The same URI appears more than once in ImpersonateLoginUrl or in ImpersonateLogoutUrl.",
  why: "A repeated entry is harmless to matching but usually a copy-paste slip hiding a missing or mistyped URI; the list should be exactly what the app uses.",
  seed: [{ source: "002", sentence: "Register all redirect URIs exactly in the Trusted Application definition." }],
  fix: "Remove the repeated entry (and check that the intended URI is not missing).",
  flows: ["authorization_code"],
  check(app) {
    const a = analyze(app);
    const out: Finding[] = [];
    reportDuplicates(out, "ImpersonateLoginUrl", a.loginRaw, "Login redirect URI");
    reportDuplicates(out, "ImpersonateLogoutUrl", a.logoutRaw, "Logout redirect URI");
    return out;
  },
};

function reportDuplicates(out: Finding[], field: RedirectField, list: readonly string[], label: string): void {
  if (list.length < 2) return;
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const uri of list) {
    if (!seen.has(uri)) seen.add(uri);
    else if (!reported.has(uri)) {
      reported.add(uri);
      out.push(finding(redirectDuplicate, field, `${label} ${q(uri)} is listed more than once.`));
    }
  }
}

export const redirectShared: PolicyRule = {
  id: "TA-REDIRECT-SHARED",
  severity: "warning",
  title: "Login redirect URI registered by another app",
  triggers:
    "A login redirect URI (ImpersonateLoginUrl) of this app is also a login redirect URI of another Trusted Application (fleet check; needs opts.fleet).",
  why: "The redirect URI says where an app's authorization codes are delivered. Two registrations sharing one endpoint means one endpoint receives codes for both clients, so the apps are no longer separated; it is usually a copied configuration.",
  seed: [
    { source: "002", sentence: "Use separate apps for different integrations when possible." },
    { source: "002", sentence: "Reject unknown redirect URIs to prevent redirection attacks." },
  ],
  fix: "Give each app its own redirect endpoint, or merge the duplicate registrations into one app.",
  flows: ["authorization_code"],
  readsFleet: true,
  check(app, opts) {
    const index = opts.fleet?.redirectUriApps;
    if (index === undefined) return [];
    const out: Finding[] = [];
    const done = new Set<string>();
    for (const uri of analyze(app).loginRaw) {
      if (done.has(uri)) continue;
      done.add(uri);
      const others = otherApps(index.get(uri), app.ApplicationUri);
      if (others === null) continue;
      out.push(
        finding(redirectShared, "ImpersonateLoginUrl", `Login redirect URI ${q(uri)} is also registered by ${others}.`),
      );
    }
    return out;
  },
};

export const redirectUnused: PolicyRule = {
  id: "TA-REDIRECT-UNUSED",
  severity: "info",
  title: "Redirect URIs registered but nobody signs in",
  triggers: "ImpersonateLoginUrl or ImpersonateLogoutUrl has entries while both impersonation flags are false.",
  why: "Redirect URIs are only used by interactive sign-in; leftover entries are unused access paths that nobody reviews.",
  seed: [{ source: "002", sentence: "Configure Trusted Applications with minimal scopes and access modes." }],
  fix: "Remove the redirect URIs, or enable the interactive login they were meant for.",
  flows: [],
  check(app) {
    if (isInteractive(app)) return [];
    const a = analyze(app);
    const out: Finding[] = [];
    if (a.loginRaw.length > 0) {
      out.push(
        finding(redirectUnused, "ImpersonateLoginUrl", "Login redirect URIs are registered but interactive login is off."),
      );
    }
    if (a.logoutRaw.length > 0) {
      out.push(
        finding(redirectUnused, "ImpersonateLogoutUrl", "Logout redirect URIs are registered but interactive login is off."),
      );
    }
    return out;
  },
};
