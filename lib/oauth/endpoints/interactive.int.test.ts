// Interactive sign-in end to end, in process, on PGlite and PostgreSQL: an independent OIDC
// client (oauth4webapi) does what an application does, a test browser what the user does
// (lib/oauth/testing-flows.ts), and raw requests check every refusal of the authorization
// endpoint, the sign-in and consent steps and end-session.
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing";
import { setKnownSecret, startTestAuthServer, TEST_ISSUER, type TestAuthServer } from "../testing";
import { authorizeUrl, consentForm, expectClient, expectConsent, expectSignIn, pkcePair, signInForm, signInThroughBrowser, TestBrowser } from "../testing-flows";

const backends = await testBackends();

const DASHBOARD = "com.example/internal-dashboard"; // interactive web app: Confidential, internal users, read
const DASHBOARD_CB = "https://dashboard.example.com/signin-oidc";
const DASHBOARD_LOGOUT = "https://dashboard.example.com/signout-callback-oidc";
const SPA = "com.example/customer-portal"; // Public SPA: community users, read
const SPA_CB = "https://portal.example.com/callback";
const HYBRID = "com.example/field-service"; // hybrid: Confidential, internal users + SystemUser
const HYBRID_CB = "https://field.example.com/signin-oidc";
const SERVICE = "com.example/inventory-sync";
const JDOE = { login: "jdoe", password: "user-change-me" };
const ANNA = { login: "partner.anna", password: "community-change-me" };

describe.each(backends)("interactive sign-in on %s", (backend) => {
  let h: TestAuthServer;
  let as: oauth.AuthorizationServer;
  const secrets: Record<string, string> = {};
  const opts = () => ({ [oauth.customFetch]: h.fetch, [oauth.allowInsecureRequests]: true });
  const browser = () => new TestBrowser(h.fetch, h.server);
  const noRedirect = (res: Response) => {
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  };
  const request = (clientId: string, redirectUri: string, extra: Record<string, string | undefined> = {}) => {
    const { verifier, challenge } = pkcePair();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const url = authorizeUrl({ client_id: clientId, redirect_uri: redirectUri, response_type: "code", scope: "openid profile read", state, nonce, code_challenge: challenge, code_challenge_method: "S256", ...extra });
    return { url, verifier, state, nonce };
  };

  beforeAll(async () => {
    h = await startTestAuthServer(backend);
    for (const uri of [DASHBOARD, HYBRID, SERVICE]) secrets[uri] = await setKnownSecret(h.connection, uri);
    as = await oauth.processDiscoveryResponse(new URL(TEST_ISSUER), await oauth.discoveryRequest(new URL(TEST_ISSUER), { algorithm: "oidc", ...opts() }));
  });
  afterAll(() => h?.close());

  it("signs an internal user into the interactive web app: consent, code, tokens, UserInfo (oauth4webapi)", async () => {
    const b = browser();
    const client: oauth.Client = { client_id: DASHBOARD };
    const { url, verifier, state, nonce } = request(DASHBOARD, DASHBOARD_CB, { scope: "openid profile offline_access read" });

    const signin = expectSignIn(await b.land(await b.request(url)));
    expect(signin).toMatchObject({ applicationUri: DASHBOARD, acceptedTypes: ["Internal"], lastLogin: null, appName: "Вътрешно табло (само четене)", appNameLang: "bg" });
    const consent = expectConsent(await b.land(await signInForm(b, signin, JDOE.login, JDOE.password)));
    expect(b.cookies.has("tac_id_session")).toBe(true);
    expect(consent.scopes.map((s) => s.name)).toEqual(["openid", "profile", "offline_access", "read"]);
    expect(consent.scopes.find((s) => s.name === "read")?.description).toBe("Grants read-only access to ERP.net data through APIs.");
    const callback = expectClient(await b.land(await consentForm(b, consent, "allow")));
    expect(`${callback.origin}${callback.pathname}`).toBe(DASHBOARD_CB);
    expect(callback.searchParams.get("iss")).toBe(TEST_ISSUER); // RFC 9207
    expect(callback.searchParams.get("state")).toBe(state);

    const params = oauth.validateAuthResponse(as, client, callback, state);
    const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretBasic(secrets[DASHBOARD]!), params, DASHBOARD_CB, verifier, opts());
    expect(res.headers.get("cache-control")).toBe("no-store");
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: nonce, requireIdToken: true });
    const id = oauth.getValidatedIdTokenClaims(tokens)!;
    const jdoe = await h.connection.db.user.findUniqueOrThrow({ where: { Login: "jdoe" } });
    expect(id).toMatchObject({ iss: TEST_ISSUER, sub: jdoe.Id, aud: DASHBOARD, nonce });
    expect(typeof id.auth_time).toBe("number");
    expect(tokens.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.scope).toBe("openid profile offline_access read");
    const access = JSON.parse(Buffer.from(tokens.access_token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(access).toMatchObject({ sub: jdoe.Id, client_id: DASHBOARD, scope: ["openid", "profile", "offline_access", "read"], aud: ["DomainAPI"] });

    const info = await oauth.processUserInfoResponse(as, client, jdoe.Id, await oauth.userInfoRequest(as, client, tokens.access_token, opts()));
    expect(info).toEqual({ sub: jdoe.Id, name: "Jane Doe (internal user)", preferred_username: "jdoe", user_type: "Internal" });

    // The consent was recorded in the Authorizations child collection, and audited.
    const authorization = await h.connection.db.trustedApplicationAuthorization.findFirstOrThrow({ where: { UserId: jdoe.Id, TrustedApplication: { ApplicationUri: DASHBOARD } } });
    expect(authorization.Scope).toBe("openid profile offline_access read");
    const audit = await h.connection.db.auditEvent.findFirstOrThrow({ where: { Action: "authorization.grant", TargetLabel: DASHBOARD } });
    expect(audit.ActorLogin).toBe("jdoe");

    // The same or fewer scopes: no consent page, straight back with a code (single sign-on).
    const again = request(DASHBOARD, DASHBOARD_CB, { scope: "openid read" });
    const back = expectClient(await b.land(await b.request(again.url)));
    expect(back.searchParams.get("code")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // prompt=consent: asked again although nothing new is requested.
    const forced = expectConsent(await b.land(await b.request(request(DASHBOARD, DASHBOARD_CB, { scope: "openid read", prompt: "consent" }).url)));
    expect(forced.scopes.map((s) => s.name)).toEqual(["openid", "read"]);
  });

  it("asks for consent again when more scopes are requested than were allowed", async () => {
    const b = browser();
    const first = await signInThroughBrowser(b, request(HYBRID, HYBRID_CB, { scope: "openid read" }).url, JDOE);
    expect(first.searchParams.has("code")).toBe(true);
    const more = expectConsent(await b.land(await b.request(request(HYBRID, HYBRID_CB, { scope: "openid read update" }).url)));
    expect(more.scopes.map((s) => s.name)).toEqual(["openid", "read", "update"]);
    const fewer = expectClient(await b.land(await b.request(request(HYBRID, HYBRID_CB, { scope: "read" }).url)));
    expect(fewer.searchParams.has("code")).toBe(true);
  });

  it("signs a community user into the public SPA with PKCE and no secret, without a refresh token", async () => {
    const b = browser();
    const client: oauth.Client = { client_id: SPA, token_endpoint_auth_method: "none" };
    const { url, verifier, state, nonce } = request(SPA, SPA_CB, { scope: "openid profile offline_access read" });
    const callback = await signInThroughBrowser(b, url, ANNA);
    const params = oauth.validateAuthResponse(as, client, callback, state);
    const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, SPA_CB, verifier, opts());
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: nonce, requireIdToken: true });
    expect(tokens.refresh_token).toBeUndefined(); // seed 002: refresh tokens only in confidential clients
    expect(tokens.scope).toBe("openid profile read"); // offline_access not granted (TA-REQ-SCOPE-OFFLINE-PUBLIC)
    const info = await oauth.processUserInfoResponse(as, client, oauth.getValidatedIdTokenClaims(tokens)!.sub, await oauth.userInfoRequest(as, client, tokens.access_token, opts()));
    expect(info).toMatchObject({ preferred_username: "partner.anna", user_type: "Community" });
  });

  it("refuses an internal user at the community-only SPA, and a community user at the internal-only dashboard, on the sign-in page", async () => {
    for (const [clientId, cb, user, accepted] of [
      [SPA, SPA_CB, JDOE, "Community"],
      [DASHBOARD, DASHBOARD_CB, ANNA, "Internal"],
    ] as const) {
      const b = browser();
      const { url, state } = request(clientId, cb);
      const signin = expectSignIn(await b.land(await b.request(url)));
      const again = await b.land(await signInForm(b, signin, user.login, user.password));
      expect(again.kind === "signin" && again.query.get("e")).toBe("user_type");
      const view = expectSignIn(again);
      expect(view.acceptedTypes).toEqual([accepted]);
      expect(view.lastLogin).toBe(user.login);
      expect(b.cookies.has("tac_id_session")).toBe(false); // no session, no code
      expect(h.logs.at(-1)?.event).toMatchObject({ ruleId: "TA-REQ-USER-TYPE" });
      // "Back to the application": access_denied at the redirect URI, with state and iss.
      const back = expectClient(await b.land(await b.post(view.actions.abort, { csrf: view.csrf })));
      expect(Object.fromEntries(back.searchParams)).toMatchObject({ error: "access_denied", state, iss: TEST_ISSUER });
    }
  });

  it("says only 'wrong user name or password' and keeps the user name", async () => {
    const b = browser();
    const signin = expectSignIn(await b.land(await b.request(request(DASHBOARD, DASHBOARD_CB).url)));
    for (const [login, password] of [["jdoe", "wrong"], ["nobody", "user-change-me"], ["svc-integration", ""]]) {
      const again = await b.land(await signInForm(b, signin, login!, password!));
      expect(again.kind === "signin" && again.query.get("e")).toBe("invalid");
      expect(expectSignIn(again).lastLogin).toBe(login);
    }
    await h.connection.db.user.update({ where: { Login: "jdoe" }, data: { IsActive: false } });
    try {
      const inactive = await b.land(await signInForm(b, signin, JDOE.login, JDOE.password));
      expect(inactive.kind === "signin" && inactive.query.get("e")).toBe("invalid");
    } finally {
      await h.connection.db.user.update({ where: { Login: "jdoe" }, data: { IsActive: true } });
    }
  });

  it("denies when the user clicks Deny", async () => {
    const b = browser();
    const { url, state } = request(HYBRID, HYBRID_CB, { scope: "openid profile read update" });
    const signin = expectSignIn(await b.land(await b.request(url)));
    const consent = expectConsent(await b.land(await signInForm(b, signin, JDOE.login, JDOE.password)));
    const back = expectClient(await b.land(await consentForm(b, consent, "deny")));
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: "access_denied", error_description: expect.any(String), state, iss: TEST_ISSUER });
  });

  describe("never redirects to an untrusted client or redirect URI (RFC 6749 §4.1.2.1)", () => {
    it.each([
      ["no client_id", { client_id: undefined }],
      ["an unknown client", { client_id: "com.example/nobody" }],
      ["no redirect_uri", { redirect_uri: undefined }],
      ["a redirect_uri with a trailing slash", { redirect_uri: `${DASHBOARD_CB}/` }],
      ["a redirect_uri of another case", { redirect_uri: DASHBOARD_CB.replace("dashboard", "Dashboard") }],
      ["a redirect_uri with an added query", { redirect_uri: `${DASHBOARD_CB}?x=1` }],
      ["another app's redirect_uri", { redirect_uri: SPA_CB }],
    ])("%s: an error page", async (_, override) => {
      const res = await browser().request(request(DASHBOARD, DASHBOARD_CB, override).url);
      expect(res.status).toBe(400);
      noRedirect(res);
      expect(await res.text()).toContain("invalid_request");
    });

    it("a repeated client_id or redirect_uri: an error page", async () => {
      for (const name of ["client_id", "redirect_uri"]) {
        const url = `${request(DASHBOARD, DASHBOARD_CB).url}&${name}=${encodeURIComponent(name === "client_id" ? DASHBOARD : DASHBOARD_CB)}`;
        const res = await browser().request(url);
        expect(res.status).toBe(400);
        noRedirect(res);
      }
    });

    it("a disabled app: an error page, logged with TA-APP-DISABLED", async () => {
      await h.connection.db.trustedApplication.update({ where: { ApplicationUri: DASHBOARD }, data: { IsEnabled: false } });
      h.server.registry.invalidate(DASHBOARD);
      try {
        const res = await browser().request(request(DASHBOARD, DASHBOARD_CB).url);
        expect(res.status).toBe(400);
        noRedirect(res);
        expect(h.logs.at(-1)?.event).toMatchObject({ event: "oauth.authorize.refused", ruleId: "TA-APP-DISABLED" });
      } finally {
        await h.connection.db.trustedApplication.update({ where: { ApplicationUri: DASHBOARD }, data: { IsEnabled: true } });
        h.server.registry.invalidate(DASHBOARD);
      }
    });

    it("a method other than GET or POST: 405", async () => {
      const res = await browser().request(request(DASHBOARD, DASHBOARD_CB).url, { method: "PUT" });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, POST");
      noRedirect(res);
    });
  });

  describe("refusals after the redirect URI is known go to it, with state and iss", () => {
    const refused = async (override: Record<string, string | undefined>, error: string, ruleId?: string) => {
      const { url, state } = request(DASHBOARD, DASHBOARD_CB, override);
      const res = await browser().request(url);
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get("location")!);
      expect(`${location.origin}${location.pathname}`).toBe(DASHBOARD_CB);
      expect(Object.fromEntries(location.searchParams)).toEqual({ error, error_description: expect.any(String), state, iss: TEST_ISSUER });
      if (ruleId) expect(h.logs.at(-1)?.event).toMatchObject({ error, ruleId });
    };

    it("response_type other than code: unsupported_response_type", () => refused({ response_type: "token" }, "unsupported_response_type"));
    it("no response_type: invalid_request", () => refused({ response_type: undefined }, "invalid_request"));
    it("no code_challenge: invalid_request", () => refused({ code_challenge: undefined, code_challenge_method: undefined }, "invalid_request", "TA-REQ-PKCE-REQUIRED"));
    it("PKCE plain: invalid_request", () => refused({ code_challenge_method: "plain" }, "invalid_request", "TA-REQ-PKCE-S256"));
    it("PKCE without a method (plain by default): invalid_request", () => refused({ code_challenge_method: undefined }, "invalid_request", "TA-REQ-PKCE-S256"));
    it("sec: invalid_scope", () => refused({ scope: "openid sec" }, "invalid_scope", "TA-REQ-SCOPE-SEC"));
    it("DomainApi: invalid_scope", () => refused({ scope: "openid DomainApi" }, "invalid_scope", "TA-REQ-SCOPE-DEPRECATED"));
    it("a scope the app is not configured for: invalid_scope", () => refused({ scope: "openid update" }, "invalid_scope", "TA-REQ-SCOPE-NOT-ALLOWED"));
    it("a request object: request_not_supported", () => refused({ request: "eyJhbGciOiJub25lIn0.e30." }, "request_not_supported"));
    it("a repeated scope: invalid_request", async () => {
      const { url, state } = request(DASHBOARD, DASHBOARD_CB);
      const res = await browser().request(`${url}&scope=read`);
      expect(new URL(res.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");
      expect(new URL(res.headers.get("location")!).searchParams.get("state")).toBe(state);
    });
    it("an unknown prompt value: invalid_request", () => refused({ prompt: "maybe" }, "invalid_request"));
    it("prompt=none without a session: login_required", () => refused({ prompt: "none" }, "login_required"));
    it("an app that signs in no user type: unauthorized_client", async () => {
      await h.connection.db.trustedApplication.update({ where: { ApplicationUri: DASHBOARD }, data: { ImpersonateAsInternalUserAllowed: false } });
      h.server.registry.invalidate(DASHBOARD);
      try {
        await refused({}, "unauthorized_client", "TA-REQ-INTERACTIVE-OFF");
      } finally {
        await h.connection.db.trustedApplication.update({ where: { ApplicationUri: DASHBOARD }, data: { ImpersonateAsInternalUserAllowed: true } });
        h.server.registry.invalidate(DASHBOARD);
      }
    });
  });

  it("echoes state exactly and keeps the registered query of the redirect URI", async () => {
    const cb = "https://field.example.com/signin-oidc?tenant=a%20b";
    await h.connection.db.trustedApplication.update({ where: { ApplicationUri: HYBRID }, data: { ImpersonateLoginUrl: `${HYBRID_CB}, ${cb}` } });
    h.server.registry.invalidate(HYBRID);
    try {
      const state = "a b&c=d/é+%";
      const b = browser();
      const url = request(HYBRID, cb, { state }).url;
      const callback = await signInThroughBrowser(b, url, JDOE);
      expect(callback.href.startsWith(`${cb}&code=`)).toBe(true);
      expect(callback.searchParams.get("tenant")).toBe("a b");
      expect(callback.searchParams.get("state")).toBe(state);
    } finally {
      await h.connection.db.trustedApplication.update({ where: { ApplicationUri: HYBRID }, data: { ImpersonateLoginUrl: HYBRID_CB } });
      h.server.registry.invalidate(HYBRID);
    }
  });

  it("honours prompt=none, prompt=login and max_age with a session", async () => {
    const b = browser();
    await signInThroughBrowser(b, request(DASHBOARD, DASHBOARD_CB, { scope: "openid read" }).url, JDOE);
    // prompt=none: a code when nothing needs the user...
    const silent = expectClient(await b.land(await b.request(request(DASHBOARD, DASHBOARD_CB, { scope: "openid read", prompt: "none" }).url)));
    expect(silent.searchParams.has("code")).toBe(true);
    // ...consent_required when consent is needed (the Authorization is gone).
    await h.connection.db.trustedApplicationAuthorization.deleteMany({ where: { TrustedApplication: { ApplicationUri: DASHBOARD } } });
    const needConsent = expectClient(await b.land(await b.request(request(DASHBOARD, DASHBOARD_CB, { scope: "openid read", prompt: "none" }).url)));
    expect(needConsent.searchParams.get("error")).toBe("consent_required");
    // prompt=login: the password again, even with a session.
    const login = await b.land(await b.request(request(DASHBOARD, DASHBOARD_CB, { prompt: "login" }).url));
    expect(login.kind).toBe("signin");
    // max_age=0: any earlier sign-in is too old.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await b.land(await b.request(request(DASHBOARD, DASHBOARD_CB, { max_age: "0" }).url))).kind).toBe("signin");
    expect((await b.land(await b.request(request(DASHBOARD, DASHBOARD_CB, { max_age: "-1" }).url))).kind).toBe("client");
  });

  it("accepts a form post only from the browser that started the interaction, with its CSRF token", async () => {
    const b = browser();
    const signin = expectSignIn(await b.land(await b.request(request(DASHBOARD, DASHBOARD_CB).url)));
    const other = browser();
    const stolen = await other.post(signin.actions.signin, { csrf: signin.csrf, username: JDOE.login, password: JDOE.password });
    expect(stolen.status).toBe(403);
    noRedirect(stolen);
    const forged = await b.post(signin.actions.signin, { csrf: "x".repeat(43), username: JDOE.login, password: JDOE.password });
    expect(forged.status).toBe(403);
    const missing = await b.post(signin.actions.signin, { username: JDOE.login, password: JDOE.password });
    expect(missing.status).toBe(403);
    // A GET to the form's target changes nothing.
    expect((await b.request(signin.actions.signin)).status).toBe(405);
    // A page for an interaction that does not exist.
    const unknown = await b.post(`${TEST_ISSUER}/interaction/AAAAAAAAAAAAAAAAAAAAAA/signin`, { csrf: signin.csrf });
    expect(unknown.status).toBe(400);
    noRedirect(unknown);
  });

  it("a double submit of the consent form issues one code", async () => {
    const b = browser();
    const signin = expectSignIn(await b.land(await b.request(request(HYBRID, HYBRID_CB, { scope: "openid profile", prompt: "consent" }).url)));
    const consent = expectConsent(await b.land(await signInForm(b, signin, JDOE.login, JDOE.password)));
    const [first, second] = await Promise.all([consentForm(b, consent, "allow"), consentForm(b, consent, "allow")]);
    const codes = [first, second].map((r) => r.headers.get("location") ?? "").filter((l) => l.includes("code="));
    expect(codes).toHaveLength(1);
  });

  describe("end-session (RP-Initiated Logout)", () => {
    it("ends the session and redirects to a registered post_logout_redirect_uri with state", async () => {
      const b = browser();
      const client: oauth.Client = { client_id: DASHBOARD };
      const { url, verifier, state, nonce } = request(DASHBOARD, DASHBOARD_CB);
      const callback = await signInThroughBrowser(b, url, JDOE);
      const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretBasic(secrets[DASHBOARD]!), oauth.validateAuthResponse(as, client, callback, state), DASHBOARD_CB, verifier, opts());
      const tokens = await oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: nonce, requireIdToken: true });

      const out = await b.request(`${TEST_ISSUER}/connect/endsession?${new URLSearchParams({ id_token_hint: tokens.id_token!, post_logout_redirect_uri: DASHBOARD_LOGOUT, state: "bye" })}`);
      expect(out.status).toBe(302);
      expect(out.headers.get("location")).toBe(`${DASHBOARD_LOGOUT}?state=bye`);
      expect(b.cookies.has("tac_id_session")).toBe(false);
      // The session is over server-side, whatever cookie is kept: sign-in again.
      const after = expectClient(await b.land(await b.request(request(DASHBOARD, DASHBOARD_CB, { prompt: "none" }).url)));
      expect(after.searchParams.get("error")).toBe("login_required");
    });

    it.each([
      ["an unregistered URI", { client_id: DASHBOARD, post_logout_redirect_uri: "https://evil.example.net/" }],
      ["a login URI rather than a logout URI", { client_id: DASHBOARD, post_logout_redirect_uri: DASHBOARD_CB }],
      ["no client named", { post_logout_redirect_uri: DASHBOARD_LOGOUT }],
      ["a client that does not match the id_token_hint", { client_id: SPA, id_token_hint: "not-a-token", post_logout_redirect_uri: DASHBOARD_LOGOUT }],
    ])("%s: signed out, no redirect", async (_, params) => {
      const b = browser();
      await signInThroughBrowser(b, request(DASHBOARD, DASHBOARD_CB).url, JDOE);
      const sessionCookie = b.cookies.get("tac_id_session");
      const out = await b.request(`${TEST_ISSUER}/connect/endsession?${new URLSearchParams(params as Record<string, string>)}`);
      expect(out.status).toBe(200);
      noRedirect(out);
      expect(await out.text()).toContain("You are signed out");
      // Even with the old cookie put back, the session is gone.
      b.cookies.set("tac_id_session", sessionCookie!);
      expect((await b.land(await b.request(request(DASHBOARD, DASHBOARD_CB).url))).kind).toBe("signin");
    });
  });
});
