// POST /id/connect/revocation - token revocation (RFC 7009 §2)
import { handleRevocationRequest } from "@/lib/oauth/endpoints/token-inspection";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleRevocationRequest(request);
}

export { POST as GET, POST as PUT, POST as PATCH, POST as DELETE };
