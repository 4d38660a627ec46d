import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from "@playwright/test";
import { appIdOf, basic, recordSecret, signInAs, storeSecret } from "./fixtures";

// The token endpoint of the production server (scripts/server.mjs answers it on node:http)
// against what the console does: a secret rotated in the browser works at once, the kill
// switch refuses the very next request, and discovery names this server.
const SERVICE = "com.example/inventory-sync";

async function requestToken(api: APIRequestContext, secret: string) {
  const res = await api.post("/id/connect/token", {
    headers: { Authorization: basic(SERVICE, secret), "Content-Type": "application/x-www-form-urlencoded" },
    data: "grant_type=client_credentials&scope=read",
  });
  const body = (await res.json()) as Record<string, unknown>;
  recordSecret("access_token", typeof body.access_token === "string" ? body.access_token : null);
  return { status: res.status(), headers: res.headers(), body };
}

async function killSwitch(page: Page, to: "Disable" | "Enable") {
  await page.getByRole("button", { name: `${to} ${SERVICE}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: to }).click();
  await expect(page.getByRole("button", { name: `${to === "Disable" ? "Enable" : "Disable"} ${SERVICE}` })).toBeVisible();
}

test("a secret rotated in the console gets a token at once; the kill switch refuses the very next request", async ({ page, baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL });
  const discovery = (await (await api.get("/id/.well-known/openid-configuration")).json()) as Record<string, string>;
  expect(discovery.issuer).toBe(`${baseURL}/id`);
  expect(discovery.token_endpoint).toBe(`${baseURL}/id/connect/token`);

  await signInAs(page, "admin");
  await page.goto(`/apps/${await appIdOf(page, SERVICE)}`);
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByLabel(/^None/).check();
  await page.getByRole("button", { name: "Generate new secret" }).click();
  const secret = await storeSecret(page);

  const issued = await requestToken(api, secret);
  expect(issued.status).toBe(200);
  expect(issued.headers["cache-control"]).toBe("no-store");
  expect(issued.headers["x-content-type-options"]).toBe("nosniff"); // the server's security headers, on the front's answers too
  expect(issued.body).toMatchObject({ token_type: "Bearer", scope: "read" });
  const claims = JSON.parse(Buffer.from(String(issued.body.access_token).split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
  expect(claims).toMatchObject({ iss: `${baseURL}/id`, client_id: SERVICE, sub: "svc-integration", scope: ["read"] });

  await killSwitch(page, "Disable");
  const refused = await requestToken(api, secret);
  expect(refused.status).toBe(401);
  expect(refused.headers["www-authenticate"]).toMatch(/^Basic/);
  expect(refused.body.error).toBe("invalid_client");

  await killSwitch(page, "Enable");
  expect((await requestToken(api, secret)).status).toBe(200);
  expect((await requestToken(api, "not-the-secret")).body.error).toBe("invalid_client");
  await api.dispose();
});
