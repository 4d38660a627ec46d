import { createHash, randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";

// The seeded console accounts: `seeded` is the password the first start prints; the setup
// project (auth.setup.ts) signs in with it, is made to choose `password`, and every spec
// after it signs in with that.
export const USERS = {
  admin: { login: "admin", seeded: "admin-change-me", password: "e2e admin passphrase 2026", name: "Console administrator", role: "Administrator" },
  reviewer: { login: "reviewer", seeded: "reviewer-change-me", password: "e2e reviewer passphrase 2026", name: "Security reviewer", role: "Security reviewer" },
  user: { login: "jdoe", password: "user-change-me" },
} as const;

export const SEEDED_APPS = [
  "com.example/internal-dashboard",
  "com.example/inventory-sync",
  "com.example/customer-portal",
  "com.example/field-service",
] as const;

export async function signIn(page: Page, who: { login: string; password: string }, path = "/signin") {
  await page.goto(path);
  await page.getByLabel("Login").fill(who.login);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, who: keyof typeof USERS & ("admin" | "reviewer")) {
  await signIn(page, USERS[who]);
  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByTestId("current-user")).toHaveText(USERS[who].name);
}

/** Chooses a new password on the change-password page (forced after a provisional one). */
export async function changePassword(page: Page, current: string, next: string) {
  recordSecret("password", next);
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Repeat the new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
}

/**
 * Notes a secret, password, token or code this run created, for the log scan after the run
 * (scripts/scan-logs.ts: none of them may appear in the server's log).
 */
export function recordSecret(kind: string, value: string | null | undefined): void {
  if (!value) return;
  mkdirSync("test-results", { recursive: true });
  appendFileSync("test-results/e2e-secrets.jsonl", `${JSON.stringify({ kind, value })}\n`);
}

/** Closes a one-time secret dialog the only way it closes: stored, then confirmed. */
export async function storeSecret(page: Page): Promise<string> {
  const dialog = page.getByTestId("one-time-secret-dialog");
  const value = await dialog.getByTestId("one-time-secret").inputValue();
  recordSecret("one-time secret", value);
  await dialog.getByRole("button", { name: "I have stored the secret" }).click();
  await dialog.getByRole("button", { name: "Yes, close it" }).click();
  await expect(dialog).toBeHidden();
  return value;
}

/** Ids of the built server actions, from the production build's manifest (to post to them directly). */
export function serverActionId(file: string, exportedName: string): string {
  const dist = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(readFileSync(`${dist}/server/server-reference-manifest.json`, "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!entry) throw new Error(`No server action ${exportedName} in ${file}`);
  return entry[0];
}

/** Posts to a server action the way the browser does; returns the raw response text. */
export async function postAction(page: Page, path: string, actionId: string, arg: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await page.request.post(path, {
    headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", ...headers },
    data: JSON.stringify([arg]),
  });
  return { status: res.status(), text: await res.text() };
}

export async function appIdOf(page: Page, uri: string): Promise<string> {
  await page.goto(`/apps?q=${encodeURIComponent(uri)}`);
  const href = await page.getByRole("link", { name: uri, exact: true }).getAttribute("href");
  if (!href) throw new Error(`No link for ${uri}`);
  return href.split("/").pop()!;
}

/** RFC 6749 Appendix B: Basic credentials, form-encoded first. */
export function basic(clientId: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+"); // RFC 6749 Appendix B
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString("base64")}`;
}

export interface Started {
  url: string;
  verifier: string;
  state: string;
  nonce: string;
}

/** An authorization request of a PKCE client (S256), with its verifier, state and nonce. */
export function authorizeUrl(clientId: string, redirectUri: string, scope: string): Started {
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(8).toString("hex");
  const nonce = randomBytes(8).toString("hex");
  const q = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope,
    state,
    nonce,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  });
  return { url: `/id/connect/authorize?${q}`, verifier, state, nonce };
}

