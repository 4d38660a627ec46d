// A browser's binding to its pending interactions. The tac_id_browser cookie holds a random
// value; an interaction stores its SHA-256, so a link to someone else's interaction is useless
// in another browser. Form posts carry a CSRF token derived from that cookie value, which no
// other site can read (and, SameSite=Lax, whose cookie another site's POST does not send).
import { createHmac, timingSafeEqual } from "node:crypto";
import { digestToken, newOpaqueToken } from "../tokens/opaque";
import { BROWSER_COOKIE, readCookie, setCookie } from "./cookies";

export interface BrowserBinding {
  /** The cookie's value (never stored). */
  value: string;
  /** What interactions store. */
  hash: string;
  /** Set-Cookie when the browser had no binding yet. */
  setCookie?: string;
}

/** The request's browser binding, created when it has none. */
export function browserBinding(cookieHeader: string | null, secure: boolean): BrowserBinding {
  const existing = readCookie(cookieHeader, BROWSER_COOKIE);
  if (existing) return { value: existing, hash: digestToken(existing) };
  const value = newOpaqueToken();
  return { value, hash: digestToken(value), setCookie: setCookie(BROWSER_COOKIE, value, { secure }) };
}

/** The request's browser binding, or null when it has none. */
export function existingBrowserBinding(cookieHeader: string | null): BrowserBinding | null {
  const value = readCookie(cookieHeader, BROWSER_COOKIE);
  return value ? { value, hash: digestToken(value) } : null;
}

/** The CSRF token of the forms of interaction `interactionId` in this browser. */
export function csrfToken(binding: BrowserBinding, interactionId: string): string {
  return createHmac("sha256", binding.value).update(`csrf:${interactionId}`).digest("base64url");
}

export function verifyCsrf(binding: BrowserBinding, interactionId: string, token: string | undefined): boolean {
  if (token === undefined) return false;
  const expected = Buffer.from(csrfToken(binding, interactionId));
  const presented = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
