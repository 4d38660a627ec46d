import { describe, expect, it } from "vitest";
import { discoveryDocument } from "./metadata";
import { issuerFromOrigin } from "../server";

describe("discovery document", () => {
  it("derives every URL from the issuer <origin>/id", () => {
    const issuer = issuerFromOrigin("https://erp.example.com/");
    expect(issuer).toBe("https://erp.example.com/id");
    const doc = discoveryDocument(issuer);
    expect(doc.token_endpoint).toBe("https://erp.example.com/id/connect/token");
    expect(doc.jwks_uri).toBe("https://erp.example.com/id/.well-known/jwks");
    expect(doc.grant_types_supported).toEqual(["client_credentials"]);
    expect(doc.scopes_supported).not.toContain("sec");
    expect(doc.scopes_supported).not.toContain("DomainApi");
    expect(doc.token_endpoint_auth_methods_supported).toEqual(["client_secret_basic", "client_secret_post"]);
  });
});
