// GET /healthz - liveness (lib/oauth/endpoints/health.ts); the production server answers it at its door.
import { healthEndpoint } from "@/lib/oauth/endpoints/health";
import { routeHandler } from "@/lib/oauth/http/endpoint";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = routeHandler((request) => healthEndpoint(request));
export { GET as HEAD, GET as POST };
