import { describe, expect, it } from "vitest";
import { discoveryDocument } from "./metadata";
import { issuerFromOrigin } from "../server";

describe("discovery document", () => {
  const issuer = issuerFromOrigin("https://erp.example.com/");
  const doc = discoveryDocument(issuer);

  it("derives every URL from the issuer <origin>/id", () => {
    expect(issuer).toBe("https://erp.example.com/id");
    expect(doc.authorization_endpoint).toBe("https://erp.example.com/id/connect/authorize");
    expect(doc.token_endpoint).toBe("https://erp.example.com/id/connect/token");
    expect(doc.userinfo_endpoint).toBe("https://erp.example.com/id/connect/userinfo");
    expect(doc.end_session_endpoint).toBe("https://erp.example.com/id/connect/endsession");
    expect(doc.jwks_uri).toBe("https://erp.example.com/id/.well-known/jwks");
  });

  it("says what the endpoints do, and only that", () => {
    expect([...doc.grant_types_supported].sort()).toEqual(["authorization_code", "client_credentials", "refresh_token"]);
    expect(doc.response_types_supported).toEqual(["code"]);
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
    expect(doc.token_endpoint_auth_methods_supported).toEqual(["client_secret_basic", "client_secret_post", "none"]);
    expect(doc.subject_types_supported).toEqual(["public"]);
    expect(doc.id_token_signing_alg_values_supported).toEqual(["ES256", "RS256"]);
    expect(doc.authorization_response_iss_parameter_supported).toBe(true);
    expect(doc.claims_supported).toEqual(expect.arrayContaining(["sub", "nonce", "auth_time", "preferred_username", "user_type"]));
  });

  it("never offers sec or DomainApi", () => {
    expect(doc.scopes_supported).not.toContain("sec");
    expect(doc.scopes_supported).not.toContain("DomainApi");
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(["openid", "profile", "offline_access", "read", "update"]));
  });
});
