// The console's security headers, decided in one place. Pure: the proxy (pages), the
// production server (everything it answers) and the tests ask it.
//
// Pages get a Content-Security-Policy with a fresh nonce per request (proxy.ts): Next.js puts
// the nonce on its own scripts and styles, and 'strict-dynamic' lets those load the rest, so
// no other script can run. Everything else (JSON, the OAuth endpoints) gets a policy that
// allows nothing at all.

export interface CspOptions {
  nonce: string;
  /** next dev: React's debugging needs eval, hot reload a websocket. */
  dev: boolean;
  /** The public origin is https: upgrade any stray http subresource. */
  https: boolean;
  /**
   * The identity server's sign-in and consent pages: their forms are answered by a redirect to
   * the application's registered redirect URI, another origin, and browsers apply form-action
   * to where a form submission redirects. Those URIs are https, or loopback http where the
   * policy allows it (ALLOW_LOOPBACK_HTTP, TA-REDIRECT-HTTPS): that is what these pages allow.
   */
  redirectingForms?: { loopbackHttp: boolean };
}

/** For HTML pages (CSP Level 3; W3C). */
export function pageContentSecurityPolicy({ nonce, dev, https, redirectingForms }: CspOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // next dev's overlay sets inline styles; with a nonce present a browser ignores 'unsafe-inline'.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    redirectingForms ? `form-action 'self' https:${redirectingForms.loopbackHttp ? " http://localhost:* http://127.0.0.1:* http://[::1]:*" : ""}` : "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

// The constant ones live in static-headers.mjs, which next.config.mjs loads without TypeScript.
export { NON_PAGE_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "./static-headers.mjs";

/** RFC 6797: only over https (a browser ignores it on http anyway), two years, subdomains too. */
export function strictTransportSecurity(publicOrigin: string): string | null {
  return publicOrigin.startsWith("https://") ? "max-age=63072000; includeSubDomains" : null;
}
