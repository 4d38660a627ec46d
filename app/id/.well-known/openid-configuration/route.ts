// GET /id/.well-known/openid-configuration - server metadata (RFC 8414 §3, OIDC Discovery §4)
import { handleDiscoveryRequest } from "@/lib/oauth/endpoints/metadata";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handleDiscoveryRequest();
}
