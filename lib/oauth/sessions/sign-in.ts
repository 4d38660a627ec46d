// A user's password sign-in at the identity server, in order: throttle (before any hashing),
// look the user up, verify the password through the console's bounded hashing queue, then ask
// the policy whether the app accepts this type of user. Every failure of the user name and
// password pair is the same "invalid" (an unknown user, a wrong password and an inactive user
// cannot be told apart). The limiter is the token endpoint's (BruteForceGuard) with limits for
// people (USER_SIGN_IN_LIMITS): slowed for the first 10 failures from an address, never locked.
import { isPasswordHashBusy, verifyPassword } from "@/lib/auth/password";
import { findIdUserByLogin, type IdUser } from "@/lib/db/id-sessions";
import { decideUserType } from "@/lib/policy/interactive";
import type { PolicyApp } from "@/lib/policy/types";
import { isOAuthError } from "../errors";
import { holdBack } from "../guard/brute-force";
import type { OAuthServer } from "../server";

export const MAX_LOGIN_LENGTH = 200;
export const MAX_PASSWORD_LENGTH = 1024;

export type UserSignInResult =
  | { kind: "ok"; user: IdUser }
  | { kind: "invalid" }
  | { kind: "user_type"; ruleId: string; detail: string }
  | { kind: "throttled"; retryAfterSeconds: number }
  | { kind: "busy"; retryAfterSeconds: number };

export async function signInUser(server: OAuthServer, attempt: { login: string; password: string; address: string; app: PolicyApp }): Promise<UserSignInResult> {
  const guard = server.userGuard;
  const { address } = attempt;
  try {
    guard.checkAddress(address);
    const tooLong = attempt.login.length > MAX_LOGIN_LENGTH || attempt.password.length > MAX_PASSWORD_LENGTH;
    const user = tooLong || attempt.login === "" ? null : await findIdUserByLogin(server.connection.db, attempt.login);
    if (user) guard.checkSubject(user.Id, address);
    const ok = await verifyPassword(user?.PasswordHash, tooLong ? "" : attempt.password);
    if (!user || !ok || !user.IsActive) {
      await holdBack(guard.failed(address, user ? user.Id : null));
      return { kind: "invalid" };
    }
    guard.succeeded(user.Id, address);
    const { PasswordHash: _, ...idUser } = user;
    const type = decideUserType(attempt.app, idUser);
    if (!type.ok) return { kind: "user_type", ruleId: type.ruleId, detail: type.detail };
    return { kind: "ok", user: idUser };
  } catch (error) {
    if (isOAuthError(error) && error.status === 429) return { kind: "throttled", retryAfterSeconds: Number(error.headers["Retry-After"]) || 1 };
    if (isPasswordHashBusy(error)) return { kind: "busy", retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
}
