// The app may sign users in (ImpersonateAsInternalUserAllowed / ...CommunityUserAllowed,
// decideInteractive) and no error finding of the policy concerns the authorization code flow
// (lib/policy: the same findings the console and the token endpoint see).
import { blockingFindings } from "@/lib/policy/findings";
import { decideInteractive } from "@/lib/policy/interactive";
import { policyError, UnauthorizedClient } from "../errors";
import { passed, refused, type AuthorizeCheck } from "./types";

export const checkPolicy: AuthorizeCheck = {
  id: "policy",
  title: "Policy allows interactive sign-in (lib/policy)",
  answer: "redirect",
  run(ctx) {
    const app = ctx.client!.app;
    const interactive = decideInteractive(app);
    if (!interactive.ok) return refused(policyError(interactive.error, interactive.detail, interactive.ruleId));
    const [first] = blockingFindings(ctx.findings, "authorization_code");
    if (first) return refused(new UnauthorizedClient(`${app.ApplicationUri}: policy refuses authorization_code: ${first.message}`, { ruleId: first.ruleId }));
    return passed(`No error finding concerns authorization_code; the app signs in ${[app.ImpersonateAsInternalUserAllowed && "internal", app.ImpersonateAsCommunityUserAllowed && "community"].filter(Boolean).join(" and ")} users.`);
  },
};
