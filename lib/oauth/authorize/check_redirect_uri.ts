// redirect_uri is required and must equal one entry of ImpersonateLoginUrl by simple string
// comparison (seed 000 "exact match required"; RFC 9700 §2.1; decideRedirectUri in lib/policy).
// Refused on the page, never by redirecting to the unverified URI (RFC 6749 §4.1.2.1).
import { decideRedirectUri } from "@/lib/policy/interactive";
import { policyError } from "../errors";
import { param, passed, refused, type AuthorizeCheck } from "./types";

export const checkRedirectUri: AuthorizeCheck = {
  id: "redirect_uri",
  title: "redirect_uri is registered, exactly (RFC 6749 §3.1.2, §4.1.2.1; seed 000)",
  answer: "page",
  run(ctx) {
    const app = ctx.client!.app;
    if (ctx.input.duplicates.has("redirect_uri")) {
      return refused(policyError("no_redirect", "redirect_uri repeated", "TA-REQ-REDIRECT-UNREGISTERED", "redirect_uri"));
    }
    const decision = decideRedirectUri(app, param(ctx, "redirect_uri"), ctx.policyOptions);
    if (!decision.ok) return refused(policyError(decision.error, decision.detail, decision.ruleId, "redirect_uri"));
    ctx.request.redirectUri = decision.value;
    return passed(`${decision.value} is one of the app's ImpersonateLoginUrl entries.`);
  },
};
