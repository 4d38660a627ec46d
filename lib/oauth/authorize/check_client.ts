// client_id names a registered, enabled Trusted Application (RFC 6749 §4.1.1, §2.2; seed 000
// IsEnabled "Acts as an immediate kill switch."). Refused on the identity server's page: with no
// trustworthy client there is no redirect URI to trust (§4.1.2.1).
import { InvalidRequest } from "../errors";
import { param, passed, refused, type AuthorizeCheck } from "./types";

export const checkClient: AuthorizeCheck = {
  id: "client",
  title: "Client is registered and enabled (RFC 6749 §4.1.1, seed 000 IsEnabled)",
  answer: "page",
  run(ctx) {
    const clientId = param(ctx, "client_id");
    const reason = "unknown_client" as const;
    if (ctx.input.duplicates.has("client_id")) return refused(new InvalidRequest("client_id repeated", { reason }));
    if (clientId === undefined) return refused(new InvalidRequest("no client_id", { reason }));
    if (ctx.client === null) return refused(new InvalidRequest(`unknown client ${JSON.stringify(clientId.slice(0, 200))}`, { reason }));
    if (!ctx.client.app.IsEnabled) {
      return refused(new InvalidRequest(`${clientId} is disabled (IsEnabled=false)`, { reason, ruleId: "TA-APP-DISABLED" }));
    }
    ctx.request.clientId = clientId;
    return passed(`${clientId} is registered and enabled.`);
  },
};
