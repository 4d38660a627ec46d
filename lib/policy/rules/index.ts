// Every configuration rule, sorted by id. Adding a rule: write it in the file of its
// concern with a colocated test, list it here, regenerate docs/policy.md.

import type { PolicyRule } from "../rule";
import { accessTokensAdministrators, accessTokensAuthenticatedUsers } from "./access-tokens";
import { basicAuthDatabase, basicAuthSystemUser } from "./basic-auth";
import { appUriFormat } from "./identity";
import { scopeIdentityConfigured, scopeOfflinePublic } from "./identity-scopes";
import { appDisabled } from "./lifecycle";
import { modeCommunityOnly, modeNone, modeUserAndSystem } from "./modes";
import { redirectDuplicate, redirectLoginMissing, redirectShared, redirectUnused } from "./redirect-registration";
import { redirectFragment, redirectHttps, redirectNotAbsolute, redirectPlaceholder, redirectWildcard } from "./redirects";
import { scopeDeprecated, scopeEmpty, scopeSec, scopeSyntax, scopeUnknown, scopeUpdate } from "./scopes";
import { secretAgeUnknown, secretMissing, secretOnPublic, secretRotation } from "./secrets";
import { systemUserMissing, systemUserPublicClient, systemUserUnused } from "./system-user";
import { systemUserAdmin, systemUserInactive, systemUserShared } from "./system-user-privilege";

export const RULES: readonly PolicyRule[] = [
  accessTokensAdministrators,
  accessTokensAuthenticatedUsers,
  appDisabled,
  appUriFormat,
  basicAuthDatabase,
  basicAuthSystemUser,
  modeCommunityOnly,
  modeNone,
  modeUserAndSystem,
  redirectDuplicate,
  redirectFragment,
  redirectHttps,
  redirectLoginMissing,
  redirectNotAbsolute,
  redirectPlaceholder,
  redirectShared,
  redirectUnused,
  redirectWildcard,
  scopeDeprecated,
  scopeEmpty,
  scopeIdentityConfigured,
  scopeOfflinePublic,
  scopeSec,
  scopeSyntax,
  scopeUnknown,
  scopeUpdate,
  secretAgeUnknown,
  secretMissing,
  secretOnPublic,
  secretRotation,
  systemUserAdmin,
  systemUserInactive,
  systemUserMissing,
  systemUserPublicClient,
  systemUserShared,
  systemUserUnused,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
