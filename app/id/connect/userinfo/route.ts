// GET|POST /id/connect/userinfo - claims about the signed-in user (OIDC Core §5.3, RFC 6750)
import { handleUserinfoRequest } from "@/lib/oauth/endpoints/userinfo";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleUserinfoRequest(request);
}

export { GET as POST, GET as PUT, GET as PATCH, GET as DELETE };
