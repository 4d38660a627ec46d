// Runs before Next.js answers a page (Next 16 "proxy", formerly middleware): gives every page
// a Content-Security-Policy with a fresh nonce, which Next.js puts on its own scripts and
// styles (the policy itself is lib/security/headers.ts; frame-ancestors 'none' included). The
// identity server's sign-in and consent pages (/id/signin, /id/consent) are pages like any
// other. Not for the JSON routes (/api, /id/connect, /id/.well-known) nor the identity server's
// form posts (/id/interaction): running the proxy costs each request more than a trivial route
// handler itself; their policies are static (next.config.mjs) or their own (lib/oauth/http/html.ts).
import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "@/lib/security/headers";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = pageContentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
    redirectingForms: /^\/id\/(signin|consent)\//.test(request.nextUrl.pathname) ? { loopbackHttp: process.env.ALLOW_LOOPBACK_HTTP === "true" } : undefined,
  });
  // On the request, for Next.js to read the nonce from while rendering; on the response, for the browser.
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|healthz|readyz|metrics|id/connect/|id/\\.well-known/|id/interaction/|_next/static|_next/image|favicon.ico|icon.svg).*)" }],
};
