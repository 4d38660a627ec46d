// Grant type names the console's explainer offers (pure: imported by client components).
/** The supported grants (RFC 6749 §4.1, §4.4, §6) and one clients commonly try (password, not offered). */
export const EXPLAINABLE_GRANT_TYPES = ["client_credentials", "authorization_code", "refresh_token", "password"] as const;
export type ExplainableGrantType = (typeof EXPLAINABLE_GRANT_TYPES)[number];
