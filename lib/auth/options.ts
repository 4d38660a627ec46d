// next-auth (v4) configuration: Credentials against Systems.Security.Users. Only users with
// a console role (administrator or security reviewer) get a session.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { findUserForSignIn } from "@/lib/db/users";
import { hasConsoleAccess, type ConsoleRoleName } from "./permissions";
import { verifyPassword } from "./password";

const CredentialsSchema = z.object({
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1000),
});

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Login",
      credentials: { login: { label: "Login", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = CredentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const db = await getDb();
        const user = await findUserForSignIn(db, parsed.data.login);
        const ok = await verifyPassword(user?.PasswordHash, parsed.data.password);
        if (!user || !ok || !user.IsActive) return null;
        if (!hasConsoleAccess(user.ConsoleRole)) throw new Error("NoConsoleRole");
        return { id: user.Id, name: user.DisplayName, login: user.Login, role: user.ConsoleRole };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; login: string; role: ConsoleRoleName };
        token.sub = u.id;
        token.login = u.login;
        token.role = u.role;
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        user: { ...session.user, id: token.sub, login: token.login, role: token.role },
      };
    },
  },
};
