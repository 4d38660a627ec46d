// POST /id/connect/token - issue tokens (RFC 6749 §3.2)
import { handleTokenRequest } from "@/lib/oauth/endpoints/token";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleTokenRequest(request);
}

// Other methods get the endpoint's own 405 (with no-store headers) rather than Next's.
export { POST as GET, POST as PUT, POST as PATCH, POST as DELETE };
