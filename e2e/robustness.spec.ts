import { expect, test } from "@playwright/test";
import { appIdOf, postAction, serverActionId, signInAs } from "./fixtures";

// Bad input is a 4xx or simply ignored, never a 500; the pages carry a nonce-based CSP that
// none of them violates; the forwarded host a client sends is not believed.
test("bad query values and ids are ignored or answered 4xx, never 500", async ({ page }) => {
  await signInAs(page, "admin");
  const paths = [
    "/apps?clientType=C",
    "/apps?sort=evil",
    `/apps?q=${"x".repeat(300)}`,
    "/apps?q=a&q=b&page=1e308&pageSize=-1",
    "/api/apps?sort=__proto__",
    "/api/apps?clientType=C&q=%00",
    "/audit?q=a&q=b",
    "/audit?page=1e308",
    "/audit?q=%00",
    "/review?severity=fatal&rule=%3Cscript%3E&page=-3",
    "/users?page=1e308&q=%00",
    `/apps/${"-".repeat(36)}`,
    `/apps/${"-".repeat(36)}/edit`,
    `/apps/${"-".repeat(36)}?tab=history`,
    "/explain?app=com.nobody%2Fapp",
  ];
  for (const path of paths) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBeLessThan(500);
  }
  await page.goto("/explain?app=com.nobody%2Fapp");
  await expect(page.getByTestId("unknown-app")).toContainText("Unknown app");
});

test("every page has a nonce-based CSP and violates none of it", async ({ page }) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const signin = await page.goto("/signin");
  const csp = signin!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  for (const d of ["default-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"]) expect(csp).toContain(d);
  expect(signin!.headers()["permissions-policy"]).toContain("camera=()");
  expect(signin!.headers()["cross-origin-opener-policy"]).toBe("same-origin");
  expect(signin!.headers()["strict-transport-security"]).toBeUndefined(); // http here; set when the public origin is https
  await signInAs(page, "admin");
  const id = await appIdOf(page, "com.example/field-service");
  for (const path of ["/apps", `/apps/${id}`, `/apps/${id}/edit`, "/apps/new?template=hybrid", "/review", "/audit", "/explain", "/users", "/account/password"]) {
    const res = await page.goto(path);
    const nonce = /'nonce-([^']+)'/.exec(res!.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce, path).toBeTruthy();
    await expect(page.locator("main")).toBeVisible();
    violations.push(...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])));
  }
  expect(violations).toEqual([]);
  // A fresh nonce per response.
  const a = (await page.request.get("/apps")).headers()["content-security-policy"];
  const b = (await page.request.get("/apps")).headers()["content-security-policy"];
  expect(a).not.toBe(b);
  // JSON answers allow nothing.
  expect((await page.request.get("/api/apps")).headers()["content-security-policy"]).toContain("default-src 'none'");
  expect((await page.request.get("/id/.well-known/openid-configuration")).headers()["content-security-policy"]).toContain("default-src 'none'");
});

test("a server action posted cross-site with a forged X-Forwarded-Host is refused", async ({ page }) => {
  await signInAs(page, "admin");
  const id = await appIdOf(page, "com.example/inventory-sync");
  const action = serverActionId("lib/actions/set-app-enabled.ts", "setAppEnabledAction");
  const forged = await postAction(page, `/apps/${id}`, action, { id, enabled: false }, { Origin: "http://evil.test", "X-Forwarded-Host": "evil.test" });
  expect(forged.text).not.toContain('"ok":true');
  expect(forged.status).toBeGreaterThanOrEqual(400);
  // The app is still enabled.
  await page.goto(`/apps/${id}`);
  await expect(page.getByText("Enabled", { exact: true }).first()).toBeVisible();
});
