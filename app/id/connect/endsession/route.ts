// GET|POST /id/connect/endsession - RP-Initiated Logout 1.0: end the identity server's session
import { handleEndSessionRequest } from "@/lib/oauth/endpoints/end-session";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleEndSessionRequest(request);
}

export { GET as POST, GET as PUT, GET as PATCH, GET as DELETE };
