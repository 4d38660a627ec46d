// POST /id/interaction/<id>/{signin,consent,abort} - the identity server's sign-in and consent forms
import { handleInteractionRequest } from "@/lib/oauth/endpoints/interaction";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string; step: string }> }): Promise<Response> {
  const { id, step } = await params;
  return handleInteractionRequest(request, id, step);
}

// Other methods get the endpoint's own 405.
export { POST as GET, POST as PUT, POST as PATCH, POST as DELETE };
