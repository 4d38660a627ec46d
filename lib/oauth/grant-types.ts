// Grant type names the console's explainer offers (pure: imported by client components).
/** The supported grant and the ones clients commonly try (RFC 6749 §4, §6). */
export const EXPLAINABLE_GRANT_TYPES = ["client_credentials", "authorization_code", "refresh_token", "password"] as const;
export type ExplainableGrantType = (typeof EXPLAINABLE_GRANT_TYPES)[number];
