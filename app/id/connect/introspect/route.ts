// POST /id/connect/introspect - token introspection (RFC 7662 §2)
import { handleIntrospectionRequest } from "@/lib/oauth/endpoints/token-inspection";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleIntrospectionRequest(request);
}

export { POST as GET, POST as PUT, POST as PATCH, POST as DELETE };
