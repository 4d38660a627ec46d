import { describe, expect, it } from "vitest";
import { cleanApp, testOptions } from "../testing";
import { accessTokensAdministrators, accessTokensAuthenticatedUsers } from "./access-tokens";

const opts = testOptions();

describe("TA-ACCESS-TOKENS-AUTHENTICATED-USERS", () => {
  it("warns when any signed-in user may issue reference tokens", () => {
    const app = cleanApp({ AccessTokens: "AuthenticatedUsers" });
    expect(accessTokensAuthenticatedUsers.check(app, opts)).toMatchObject([
      {
        ruleId: "TA-ACCESS-TOKENS-AUTHENTICATED-USERS",
        severity: "warning",
        field: "AccessTokens",
        flows: ["reference_tokens"],
      },
    ]);
  });

  it("is silent for None and AdministratorsOnly", () => {
    expect(accessTokensAuthenticatedUsers.check(cleanApp(), opts)).toEqual([]);
    expect(accessTokensAuthenticatedUsers.check(cleanApp({ AccessTokens: "AdministratorsOnly" }), opts)).toEqual([]);
  });
});

describe("TA-ACCESS-TOKENS-ADMINISTRATORS", () => {
  it("notes AdministratorsOnly", () => {
    const app = cleanApp({ AccessTokens: "AdministratorsOnly" });
    expect(accessTokensAdministrators.check(app, opts)).toMatchObject([
      { ruleId: "TA-ACCESS-TOKENS-ADMINISTRATORS", severity: "info", field: "AccessTokens" },
    ]);
  });

  it("is silent for None", () => {
    expect(accessTokensAdministrators.check(cleanApp(), opts)).toEqual([]);
  });
});
