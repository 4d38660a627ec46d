// Runs before Next.js answers a request (Next 16 "proxy", formerly middleware): gives every
// page a Content-Security-Policy with a fresh nonce, which Next.js puts on its own scripts
// and styles (the policy itself is lib/security/headers.ts); everything else Next answers
// (JSON routes) gets a policy that allows nothing.
import { NextResponse, type NextRequest } from "next/server";
import { NON_PAGE_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy } from "@/lib/security/headers";

/** Paths that answer JSON, not pages. (Interactive /id pages, when they come, are pages.) */
const NON_PAGE = /^\/(api\/|id\/\.well-known\/|id\/connect\/(token|introspect|revocation)$)/;

export function proxy(request: NextRequest) {
  if (NON_PAGE.test(request.nextUrl.pathname)) {
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", NON_PAGE_CONTENT_SECURITY_POLICY);
    return response;
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = pageContentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  });
  // On the request, for Next.js to read the nonce from while rendering; on the response, for the browser.
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
