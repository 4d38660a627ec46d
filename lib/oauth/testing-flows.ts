// Integration-test harness for interactive sign-in: a browser with a cookie jar that talks to
// the in-process handlers (lib/oauth/testing.ts handlerFetch), "renders" the sign-in and
// consent pages through the very functions the Next pages call (signInView, consentView),
// and submits their forms as a browser would. Used with an independent OIDC client library
// (oauth4webapi) for what the application does.
import { createHash, randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { OAuthServer } from "./server";
import { consentView, signInView, type ConsentView, type SignInView } from "./sessions/views";
import { TEST_ISSUER, type handlerFetch } from "./testing";

type Fetch = ReturnType<typeof handlerFetch>;

export class TestBrowser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly fetchFn: Fetch,
    private readonly server: OAuthServer,
  ) {}

  cookieHeader(): string | null {
    return this.cookies.size ? [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") : null;
  }

  /** A request with this browser's cookies; its Set-Cookie headers update the jar. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader();
    if (cookie) headers.set("cookie", cookie);
    const res = await this.fetchFn(url, { ...init, headers, redirect: "manual" });
    for (const set of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = set.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Submits a form of one of our pages (application/x-www-form-urlencoded, POST). */
  post(url: string, fields: Record<string, string>): Promise<Response> {
    return this.request(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
  }

  /** Where a redirect sends the browser: one of our pages (rendered), or the client's redirect URI. */
  async land(res: Response): Promise<Landing> {
    expect([302, 303]).toContain(res.status);
    const location = res.headers.get("location")!;
    const signin = new RegExp(`^${TEST_ISSUER}/signin/([^/?]+)(\\?.*)?$`).exec(location);
    if (signin) {
      const view = await signInView(this.server, signin[1]!, this.cookieHeader(), "bg, en;q=0.5");
      return { kind: "signin", view, query: new URLSearchParams(signin[2] ?? "") };
    }
    const consent = new RegExp(`^${TEST_ISSUER}/consent/([^/?]+)$`).exec(location);
    if (consent) return { kind: "consent", view: await consentView(this.server, consent[1]!, this.cookieHeader(), null) };
    return { kind: "client", url: new URL(location) };
  }
}

export type Landing =
  | { kind: "signin"; view: SignInView; query: URLSearchParams }
  | { kind: "consent"; view: ConsentView }
  | { kind: "client"; url: URL };

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** An authorization request URL with every parameter this server needs (override or drop with undefined). */
export function authorizeUrl(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return `${TEST_ISSUER}/connect/authorize?${q.toString()}`;
}

export function expectSignIn(landing: Landing): Extract<SignInView, { kind: "signin" }> {
  if (landing.kind !== "signin" || landing.view.kind !== "signin") throw new Error(`expected the sign-in page, got ${JSON.stringify(landing)}`);
  return landing.view;
}

export function expectConsent(landing: Landing): Extract<ConsentView, { kind: "consent" }> {
  if (landing.kind !== "consent" || landing.view.kind !== "consent") throw new Error(`expected the consent page, got ${JSON.stringify(landing)}`);
  return landing.view;
}

export function expectClient(landing: Landing): URL {
  if (landing.kind !== "client") throw new Error(`expected a redirect to the client, got ${JSON.stringify(landing)}`);
  return landing.url;
}

export function signInForm(browser: TestBrowser, view: Extract<SignInView, { kind: "signin" }>, username: string, password: string): Promise<Response> {
  return browser.post(view.actions.signin, { csrf: view.csrf, username, password });
}

export function consentForm(browser: TestBrowser, view: Extract<ConsentView, { kind: "consent" }>, decision: "allow" | "deny"): Promise<Response> {
  return browser.post(view.actions.consent, { csrf: view.csrf, decision });
}

/**
 * The whole browser part of a sign-in: authorize, sign in when asked, allow when asked; returns
 * the URL the browser is sent to at the client (code or error).
 */
export async function signInThroughBrowser(browser: TestBrowser, url: string, user?: { login: string; password: string }): Promise<URL> {
  let landing = await browser.land(await browser.request(url));
  if (landing.kind === "signin") {
    if (!user) throw new Error("the sign-in page came up, but no user was given");
    landing = await browser.land(await signInForm(browser, expectSignIn(landing), user.login, user.password));
  }
  if (landing.kind === "consent") landing = await browser.land(await consentForm(browser, expectConsent(landing), "allow"));
  return expectClient(landing);
}
