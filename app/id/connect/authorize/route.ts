// GET|POST /id/connect/authorize - the authorization endpoint (RFC 6749 §3.1, §4.1.1; OIDC Core §3.1.2)
import { handleAuthorizeRequest } from "@/lib/oauth/endpoints/authorize";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleAuthorizeRequest(request);
}

// Other methods get the endpoint's own 405 page.
export { GET as POST, GET as PUT, GET as PATCH, GET as DELETE };
