// Per-app facts shared by many rules, computed once per app and reused by every rule,
// so linting 10,000 apps parses each URL exactly once.

import { parseScope } from "./scopes";
import type { PolicyApp } from "./types";
import { analyzeUrl, parseUrlList, type UrlFacts } from "./urls";

export type RedirectField = "ImpersonateLoginUrl" | "ImpersonateLogoutUrl" | "SystemUserLoginUrl";

export interface RedirectEntry {
  readonly field: RedirectField;
  /** 1-based position in its list (SystemUserLoginUrl: 1). */
  readonly position: number;
  readonly url: UrlFacts;
}

/** Human label for messages: "Login redirect URI 2", "SystemUserLoginUrl". */
export function redirectLabel(r: RedirectEntry): string {
  if (r.field === "ImpersonateLoginUrl") return `Login redirect URI ${r.position}`;
  if (r.field === "ImpersonateLogoutUrl") return `Logout redirect URI ${r.position}`;
  return "SystemUserLoginUrl";
}

export class AppAnalysis {
  readonly app: PolicyApp;
  readonly loginRaw: readonly string[];
  readonly logoutRaw: readonly string[];
  readonly systemUserLoginRaw: string | null;
  readonly scopes: readonly string[];
  readonly scopeSet: ReadonlySet<string>;
  // The raw attribute values the facts were computed from (see matches()).
  private readonly rawLogin: string | null;
  private readonly rawLogout: string | null;
  private readonly rawSystemUserLogin: string | null;
  private readonly rawScope: string | null;
  private lazyRedirects: readonly RedirectEntry[] | undefined = undefined;

  constructor(app: PolicyApp) {
    this.app = app;
    this.rawLogin = app.ImpersonateLoginUrl;
    this.rawLogout = app.ImpersonateLogoutUrl;
    this.rawSystemUserLogin = app.SystemUserLoginUrl;
    this.rawScope = app.Scope;
    this.loginRaw = parseUrlList(app.ImpersonateLoginUrl);
    this.logoutRaw = parseUrlList(app.ImpersonateLogoutUrl);
    const sys = app.SystemUserLoginUrl?.trim() ?? "";
    this.systemUserLoginRaw = sys === "" ? null : sys;
    this.scopes = parseScope(app.Scope);
    this.scopeSet = new Set(this.scopes);
  }

  /** Every registered URI with its parsed facts (URL parsing happens lazily, once). */
  get redirects(): readonly RedirectEntry[] {
    if (this.lazyRedirects === undefined) {
      const out: RedirectEntry[] = [];
      for (let i = 0; i < this.loginRaw.length; i++) {
        out.push({ field: "ImpersonateLoginUrl", position: i + 1, url: analyzeUrl(this.loginRaw[i]!) });
      }
      for (let i = 0; i < this.logoutRaw.length; i++) {
        out.push({ field: "ImpersonateLogoutUrl", position: i + 1, url: analyzeUrl(this.logoutRaw[i]!) });
      }
      if (this.systemUserLoginRaw !== null) {
        out.push({ field: "SystemUserLoginUrl", position: 1, url: analyzeUrl(this.systemUserLoginRaw) });
      }
      this.lazyRedirects = out;
    }
    return this.lazyRedirects;
  }

  /** Still valid for `app`? Apps are plain data and a form may mutate one in place. */
  matches(app: PolicyApp): boolean {
    return (
      this.app === app &&
      this.rawLogin === app.ImpersonateLoginUrl &&
      this.rawLogout === app.ImpersonateLogoutUrl &&
      this.rawSystemUserLogin === app.SystemUserLoginUrl &&
      this.rawScope === app.Scope
    );
  }
}

// lintApp runs every rule on one app in a row, so a one-entry cache is all it takes for
// the rules to share one analysis per app. (A WeakMap over the whole fleet was measured
// slower: 10,000 ephemerons make every garbage collection pay.)
let last: AppAnalysis | undefined;

export function analyze(app: PolicyApp): AppAnalysis {
  if (last === undefined || !last.matches(app)) last = new AppAnalysis(app);
  return last;
}

/** Interactive sign-in is enabled (seed 000 "Allowed modes"). */
export function isInteractive(app: PolicyApp): boolean {
  return app.ImpersonateAsInternalUserAllowed || app.ImpersonateAsCommunityUserAllowed;
}

/**
 * The SystemUser is actually used: for the client credentials flow (SystemUserAllowed)
 * or to limit Basic authentication (seed 003: "If a user is specified in System User,
 * the basic authentication is allowed only for this user.").
 */
export function systemUserInUse(app: PolicyApp): boolean {
  return app.SystemUser !== null && (app.SystemUserAllowed || app.BasicAuthenticationAllowed);
}
