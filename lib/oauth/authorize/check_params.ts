// Parameters this server does not take, or takes only once (RFC 6749 §3.1: "MUST NOT be included
// more than once"; OpenID Connect Core 1.0 §6: request objects are optional to support and are
// answered request_not_supported / request_uri_not_supported). From here on, refusals go to the
// verified redirect URI.
import { InvalidRequest, RequestNotSupported, RequestUriNotSupported } from "../errors";
import { param, passed, refused, type AuthorizeCheck } from "./types";

/** Bounds on values echoed or stored (state is echoed, nonce ends up in the ID token). */
const MAX_STATE = 2048;
const MAX_NONCE = 512;

export const checkParams: AuthorizeCheck = {
  id: "params",
  title: "No repeated or unsupported parameter (RFC 6749 §3.1; OIDC Core §6)",
  answer: "redirect",
  run(ctx) {
    // state first: once it is known to be sound, every refusal from here on echoes it (§4.1.2.1).
    const state = param(ctx, "state");
    if (ctx.input.duplicates.has("state")) return refused(new InvalidRequest("state repeated", { reason: "duplicate_parameter" }));
    if (state !== undefined && state.length > MAX_STATE) return refused(new InvalidRequest(`state longer than ${MAX_STATE}`, { reason: "invalid_parameter" }));
    ctx.request.state = state ?? null;
    const [repeated] = ctx.input.duplicates;
    if (repeated !== undefined) return refused(new InvalidRequest(`parameter ${JSON.stringify(repeated.slice(0, 64))} repeated`, { reason: "duplicate_parameter" }));
    if (param(ctx, "request") !== undefined) return refused(new RequestNotSupported("request object sent"));
    if (param(ctx, "request_uri") !== undefined) return refused(new RequestUriNotSupported("request_uri sent"));
    const mode = param(ctx, "response_mode");
    if (mode !== undefined && mode !== "query") return refused(new InvalidRequest(`response_mode ${JSON.stringify(mode.slice(0, 40))}`, { reason: "response_mode" }));
    const nonce = param(ctx, "nonce");
    if (nonce !== undefined && nonce.length > MAX_NONCE) return refused(new InvalidRequest(`nonce longer than ${MAX_NONCE}`, { reason: "invalid_parameter" }));
    ctx.request.nonce = nonce ?? null;
    return passed(state === undefined ? "No state: the client forgoes CSRF protection of its redirect URI (RFC 6749 §10.12)." : "state will be echoed exactly.");
  },
};
