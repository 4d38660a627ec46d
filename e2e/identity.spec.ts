import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { appIdOf, authorizeUrl, basic, recordSecret, signInAs, storeSecret, type Started } from "./fixtures";

// The identity server in real Chromium against the production server: users of the seed's
// example apps sign in, consent, and the apps exchange the code; an app's redirect URI is
// stood in for by Playwright (nothing listens at *.example.com), which records where the
// browser was sent.
const DASHBOARD = { uri: "com.example/internal-dashboard", callback: "https://dashboard.example.com/signin-oidc", logout: "https://dashboard.example.com/signout-callback-oidc" };
const SPA = { uri: "com.example/customer-portal", callback: "https://portal.example.com/callback" };
const JDOE = { login: "jdoe", password: "user-change-me" };
const ANNA = { login: "partner.anna", password: "community-change-me" };

/** Stands in for the app at `origin`: records every URL the browser is sent to there. */
async function standIn(page: Page, origin: string): Promise<URL[]> {
  const arrived: URL[] = [];
  await page.route(`${origin}/**`, async (route) => {
    arrived.push(new URL(route.request().url()));
    await route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>app</title><p>The application received the answer.</p>" });
  });
  return arrived;
}

async function userPage(browser: Browser) {
  const context = await browser.newContext({ locale: "en-US" });
  return { context, page: await context.newPage() };
}

async function signInOnPage(page: Page, who: { login: string; password: string }) {
  await page.getByLabel("User name").fill(who.login);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function exchange(api: APIRequestContext, started: Started, code: string, clientId: string, redirectUri: string, secret?: string) {
  const form = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: started.verifier });
  if (!secret) form.set("client_id", clientId);
  const res = await api.post("/id/connect/token", {
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(secret ? { Authorization: basic(clientId, secret) } : {}) },
    data: form.toString(),
  });
  const body = (await res.json()) as Record<string, string>;
  recordSecret("authorization code", code);
  recordSecret("PKCE verifier", started.verifier);
  for (const kind of ["access_token", "id_token", "refresh_token"]) recordSecret(kind, body[kind]);
  return { status: res.status(), body };
}

test.describe("identity server", () => {
  let api: APIRequestContext;
  test.beforeEach(async ({ baseURL }) => {
    api = await playwrightRequest.newContext({ baseURL });
  });
  test.afterEach(async () => api.dispose());

  test("an internal user signs into the interactive web app, consents, and the app exchanges the code", async ({ page, browser }) => {
    // The administrator gives the app a secret it knows (the seed's is unknown to everybody).
    await signInAs(page, "admin");
    await page.goto(`/apps/${await appIdOf(page, DASHBOARD.uri)}`);
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByLabel(/^None/).check();
    await page.getByRole("button", { name: "Generate new secret" }).click();
    const secret = await storeSecret(page);

    const user = await userPage(browser);
    const arrived = await standIn(user.page, "https://dashboard.example.com");
    const started = authorizeUrl(DASHBOARD.uri, DASHBOARD.callback, "openid profile offline_access read");
    const response = await user.page.goto(started.url);
    expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await expect(user.page).toHaveURL(/\/id\/signin\//);
    await expect(user.page.getByTestId("app-uri")).toHaveText(DASHBOARD.uri);
    await expect(user.page.getByTestId("accepted-user-types")).toHaveText("This application accepts internal users.");

    // A wrong password says only that, and keeps the user name.
    await signInOnPage(user.page, { login: JDOE.login, password: "not-my-password" });
    await expect(user.page.getByTestId("id-error")).toHaveText("Wrong user name or password.");
    await expect(user.page.getByLabel("User name")).toHaveValue(JDOE.login);

    await user.page.getByLabel("Password").fill(JDOE.password);
    await user.page.getByRole("button", { name: "Sign in" }).click();
    await expect(user.page).toHaveURL(/\/id\/consent\//);
    await expect(user.page.getByTestId("consent-user")).toHaveText("Jane Doe (internal user)");
    await expect(user.page.getByTestId("consent-scope")).toHaveCount(4);
    await expect(user.page.getByTestId("consent-scope").filter({ hasText: "offline_access" })).toContainText("renew access tokens without user interaction");
    await user.page.getByRole("button", { name: "Allow" }).click();

    await expect.poll(() => arrived.length).toBe(1);
    const callback = arrived[0]!;
    expect(`${callback.origin}${callback.pathname}`).toBe(DASHBOARD.callback);
    expect(callback.searchParams.get("state")).toBe(started.state);
    expect(callback.searchParams.get("iss")).toMatch(/\/id$/);
    const tokens = await exchange(api, started, callback.searchParams.get("code")!, DASHBOARD.uri, DASHBOARD.callback, secret);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: "Bearer", scope: "openid profile offline_access read" });
    const id = JSON.parse(Buffer.from(tokens.body.id_token!.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(id).toMatchObject({ aud: DASHBOARD.uri, nonce: started.nonce });
    const info = await api.get("/id/connect/userinfo", { headers: { Authorization: `Bearer ${tokens.body.access_token}` } });
    expect(await info.json()).toMatchObject({ preferred_username: "jdoe", user_type: "Internal" });
    // The refresh token works until the administrator revokes the authorization in the console.
    const refresh = async (token: string) => {
      const res = await api.post("/id/connect/token", {
        headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: basic(DASHBOARD.uri, secret) },
        data: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token }).toString(),
      });
      return { status: res.status(), body: (await res.json()) as Record<string, string> };
    };
    const refreshed = await refresh(tokens.body.refresh_token!);
    expect(refreshed.status).toBe(200);
    await page.reload();
    const row = page.locator(`[data-testid="authorization-row"][data-login="jdoe"]`);
    await expect(row).toContainText("offline_access");
    await row.getByRole("button", { name: "Revoke jdoe" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke authorization" }).click();
    await expect(page.getByTestId("toast")).toContainText("Authorization of jdoe revoked");
    await expect(row).toHaveCount(0);
    const after = await refresh(refreshed.body.refresh_token!);
    expect(after).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    // The code was single-use all along.
    expect((await exchange(api, started, callback.searchParams.get("code")!, DASHBOARD.uri, DASHBOARD.callback, secret)).body.error).toBe("invalid_grant");
    await user.context.close();
  });

  test("a community user is refused by the internal-only app and accepted by the SPA, which gets no refresh token", async ({ browser }) => {
    const user = await userPage(browser);
    const dashboard = await standIn(user.page, "https://dashboard.example.com");
    const portal = await standIn(user.page, "https://portal.example.com");

    const refused = authorizeUrl(DASHBOARD.uri, DASHBOARD.callback, "openid read");
    await user.page.goto(refused.url);
    await signInOnPage(user.page, ANNA);
    await expect(user.page.getByTestId("id-error")).toHaveText("This application accepts only internal users. Sign in with such an account.");
    await user.page.getByRole("button", { name: "Back to the application" }).click();
    await expect.poll(() => dashboard.length).toBe(1);
    expect(dashboard[0]!.searchParams.get("error")).toBe("access_denied");
    expect(dashboard[0]!.searchParams.get("state")).toBe(refused.state);

    const started = authorizeUrl(SPA.uri, SPA.callback, "openid profile offline_access read");
    await user.page.goto(started.url);
    await expect(user.page.getByTestId("accepted-user-types")).toHaveText("This application accepts community users.");
    await signInOnPage(user.page, ANNA);
    await expect(user.page.getByTestId("consent-scope")).toHaveCount(3); // offline_access is not granted to a Public app
    await user.page.getByRole("button", { name: "Allow" }).click();
    await expect.poll(() => portal.length).toBe(1);
    const tokens = await exchange(api, started, portal[0]!.searchParams.get("code")!, SPA.uri, SPA.callback);
    expect(tokens.status).toBe(200);
    expect(tokens.body.refresh_token).toBeUndefined();
    expect(tokens.body.scope).toBe("openid profile read");
    await user.context.close();
  });

  test("end-session: a registered post-logout URI is followed, any other is not", async ({ browser }) => {
    const user = await userPage(browser);
    const app = await standIn(user.page, "https://dashboard.example.com");
    const started = authorizeUrl(DASHBOARD.uri, DASHBOARD.callback, "openid read");
    await user.page.goto(started.url);
    await signInOnPage(user.page, JDOE);
    await user.page.waitForURL((u) => !u.pathname.startsWith("/id/signin"));
    if (user.page.url().includes("/id/consent/")) await user.page.getByRole("button", { name: "Allow" }).click();
    await expect.poll(() => app.length).toBe(1);

    // Through the browser's own cookies (a redirect a page.goto follows is not handed to the stand-in).
    const out = await user.context.request.get(`/id/connect/endsession?${new URLSearchParams({ client_id: DASHBOARD.uri, post_logout_redirect_uri: DASHBOARD.logout, state: "bye" })}`, { maxRedirects: 0 });
    expect(out.status()).toBe(302);
    expect(out.headers().location).toBe(`${DASHBOARD.logout}?state=bye`);

    // Signed out: the next authorization request asks for the password again.
    await user.page.goto(authorizeUrl(DASHBOARD.uri, DASHBOARD.callback, "openid read").url);
    await expect(user.page).toHaveURL(/\/id\/signin\//);

    const unregistered = await user.page.goto(`/id/connect/endsession?${new URLSearchParams({ client_id: DASHBOARD.uri, post_logout_redirect_uri: "https://evil.example.net/" })}`);
    expect(unregistered?.status()).toBe(200);
    await expect(user.page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
    expect(user.page.url()).toContain("/id/connect/endsession");
    await user.context.close();
  });

  test("an unknown redirect URI gets the identity server's error page, never a redirect", async ({ page }) => {
    const res = await page.goto(authorizeUrl(DASHBOARD.uri, "https://evil.example.net/cb", "openid read").url);
    expect(res?.status()).toBe(400);
    await expect(page.getByRole("heading", { name: "This sign-in request cannot be completed" })).toBeVisible();
    expect(page.url()).toContain("/id/connect/authorize");
  });
});
