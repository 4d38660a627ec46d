// Scopes: the token endpoint's and the linter's rules (decideScopes, seed 004): requested ⊆ the
// app's Scope plus openid, profile and offline_access; sec and DomainApi refused; none requested
// means every configured scope; offline_access not granted to a Public app.
import { decideScopes } from "@/lib/policy/scopes";
import { policyError } from "../errors";
import { param, passed, refused, type AuthorizeCheck } from "./types";

export const checkScope: AuthorizeCheck = {
  id: "scope",
  title: "Scopes (RFC 6749 §3.3, seed 004)",
  answer: "redirect",
  run(ctx) {
    const requested = param(ctx, "scope") ?? null;
    const decision = decideScopes(ctx.client!.app, requested, "authorization_code");
    if (!decision.ok) return refused(policyError(decision.error, decision.detail, decision.ruleId));
    ctx.request.scopes = decision.granted;
    ctx.request.droppedScopes = (decision.dropped ?? []).map((d) => d.scope);
    const dropped = decision.dropped?.length ? ` Not granted: ${decision.dropped.map((d) => `${d.scope} (${d.ruleId})`).join(", ")}.` : "";
    return passed(`${requested ? "Requested" : "No scope requested: the configured"} scopes the user is asked for: ${decision.granted.join(" ")}.${dropped}`);
  },
};
