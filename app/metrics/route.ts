// GET /metrics - Prometheus metrics (lib/oauth/endpoints/metrics.ts); the production server answers it at its door.
import { metricsEndpoint } from "@/lib/oauth/endpoints/metrics";
import { routeHandler } from "@/lib/oauth/http/endpoint";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = routeHandler((request) => metricsEndpoint(request));
export { GET as POST };
