// PKCE with S256 from every client, Public and Confidential (RFC 7636 §4.3; RFC 9700 §2.1.1;
// seed 002 "Always implement PKCE in public clients."): decidePkce in lib/policy.
import { decidePkce } from "@/lib/policy/interactive";
import { policyError } from "../errors";
import { param, passed, refused, type AuthorizeCheck } from "./types";

export const checkPkce: AuthorizeCheck = {
  id: "pkce",
  title: "PKCE code_challenge with S256 (RFC 7636 §4.3, RFC 9700 §2.1.1)",
  answer: "redirect",
  run(ctx) {
    const challenge = param(ctx, "code_challenge");
    const decision = decidePkce(challenge, param(ctx, "code_challenge_method"));
    if (!decision.ok) return refused(policyError(decision.error, decision.detail, decision.ruleId, "pkce"));
    ctx.request.codeChallenge = challenge;
    return passed("S256 challenge: the code is bound to the client instance that holds the verifier.");
  },
};
