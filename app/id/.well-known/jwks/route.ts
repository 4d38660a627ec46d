// GET /id/.well-known/jwks - the token signing keys (RFC 7517 §5), including announced and retiring ones
import { handleJwksRequest } from "@/lib/oauth/endpoints/metadata";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handleJwksRequest();
}
