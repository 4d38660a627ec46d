// The security headers that never vary, in plain JavaScript: next.config.mjs (which Node loads
// as it is, without TypeScript) gives them to Next, and lib/security/headers.ts re-exports them
// for the production server's front (lib/oauth/http/node-adapter.ts). Types: static-headers.d.mts.

/** For anything that is not a page: nothing may load, nothing may frame it. */
export const NON_PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** On every response. */
export const STATIC_SECURITY_HEADERS = Object.freeze([
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value: "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=(), browsing-topics=()",
  },
]);
