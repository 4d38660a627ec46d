// response_type=code only (RFC 6749 §4.1.1, §4.1.2.1): tokens never travel in a redirect (seed
// 002 "Do not include tokens in URLs or query parameters."); no implicit or hybrid response.
import { InvalidRequest, UnsupportedResponseType } from "../errors";
import { param, passed, refused, type AuthorizeCheck } from "./types";

export const checkResponseType: AuthorizeCheck = {
  id: "response_type",
  title: "response_type is code (RFC 6749 §4.1.1)",
  answer: "redirect",
  run(ctx) {
    const responseType = param(ctx, "response_type");
    if (responseType === undefined) return refused(new InvalidRequest("no response_type", { reason: "missing_parameter" }));
    if (responseType !== "code") return refused(new UnsupportedResponseType(`response_type ${JSON.stringify(responseType.slice(0, 40))}`));
    return passed("Authorization code flow.");
  },
};
