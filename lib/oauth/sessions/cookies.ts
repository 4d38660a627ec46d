// The identity server's cookies (RFC 6265): HttpOnly, SameSite=Lax (sent on the top-level GET a
// client redirects the browser with, never on another site's POST), Path=/id (the console never
// sees them), and Secure whenever the issuer is https.
//   tac_id_session  the sign-in (Id_Sessions), for its configured lifetime;
//   tac_id_browser  binds pending interactions (and their CSRF tokens) to this browser.

export const SESSION_COOKIE = "tac_id_session";
export const BROWSER_COOKIE = "tac_id_browser";

const COOKIE_VALUE = /^[A-Za-z0-9_-]{1,128}$/;

/** The value of cookie `name` in a Cookie header (RFC 6265 §5.4), when it has the shape of ours. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    if (COOKIE_VALUE.test(value)) return value;
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; absent: a session cookie. */
  maxAge?: number;
}

export function setCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, "Path=/id", "HttpOnly", "SameSite=Lax"];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`);
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearCookie(name: string, secure: boolean): string {
  return setCookie(name, "", { secure, maxAge: 0 });
}

/** Cookies are Secure when the issuer is served over https (RFC 6265 §4.1.2.5). */
export function secureCookies(issuer: string): boolean {
  return issuer.startsWith("https://");
}
