// The next-auth route (/api/auth/*), with HTTP statuses that mean what happened: a sign-in
// refused by the brute-force throttle answers 429 and one refused because too many password
// checks are running answers 503, both with Retry-After (next-auth itself says 401 to every
// refusal; its JSON body, which the sign-in form reads, stays as it is).
import NextAuth from "next-auth";
import { authOptions } from "./options";
import { retryAfterOf, SIGN_IN_ERROR } from "./sign-in-errors";

const nextAuth = NextAuth(authOptions) as (request: Request, context: unknown) => Promise<Response>;

export async function handleAuthRequest(request: Request, context: unknown): Promise<Response> {
  const response = await nextAuth(request, context);
  if (response.status !== 401 || !new URL(request.url).pathname.endsWith("/callback/credentials")) return response;
  const body = await response.clone().text();
  let error: string | null = null;
  try {
    const url = (JSON.parse(body) as { url?: string }).url;
    error = url ? new URL(url).searchParams.get("error") : null;
  } catch {
    return response; // not the JSON answer (a plain form post): leave it
  }
  const retryAfter = retryAfterOf(error);
  if (retryAfter === null) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(retryAfter));
  return new Response(body, { status: error?.startsWith(SIGN_IN_ERROR.throttled) ? 429 : 503, headers });
}
