import { expect, request as playwrightRequest, test } from "@playwright/test";

// Runs first, against the freshly started production server: the first /id request is
// answered by Next's JWKS route, whose bundle then creates the process's OAuthServer (and
// its brute-force guard); the token endpoint answers from the node:http front, another
// bundle. A blocked client must still get 429 + Retry-After, not 500 server_error.
test("a brute-force block is a 429 with Retry-After even when JWKS was the first /id request", async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL });
  expect((await api.get("/id/.well-known/jwks")).status()).toBe(200);
  const attempt = () =>
    api.post("/id/connect/token", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      data: "grant_type=client_credentials&client_id=com.example%2Finventory-sync&client_secret=not-the-secret",
    });
  for (let i = 0; i < 5; i++) expect((await attempt()).status()).toBe(401);
  const blocked = await attempt();
  expect(blocked.status()).toBe(429);
  expect(Number(blocked.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(await blocked.json()).toMatchObject({ error: "invalid_client" });
  await api.dispose();
});
