// GET /readyz - readiness (lib/oauth/endpoints/health.ts); the production server answers it at its door.
import { readinessEndpoint } from "@/lib/oauth/endpoints/health";
import { routeHandler } from "@/lib/oauth/http/endpoint";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = routeHandler((request) => readinessEndpoint(request));
export { GET as HEAD, GET as POST };
