// Console users as the users page, the change-password page and the `users` CLI receive them.
// Password rules follow NIST SP 800-63B §3.1.1.2: a minimum length, no composition rules, and
// a refusal of passwords known to be in use (the seed's documented defaults among them).
import { z } from "zod";
import { noControlCharacters } from "./text";

export const CONSOLE_ROLES = ["Administrator", "SecurityReviewer", "None"] as const;
export const USER_TYPES = ["Internal", "Community"] as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** Passwords that must never be chosen: the seed's documented defaults and the commonest. */
const KNOWN_PASSWORDS = new Set([
  "admin-change-me",
  "reviewer-change-me",
  "user-change-me",
  "password1234",
  "123456789012",
  "qwertyuiopas",
  "changeme1234",
]);

export const LoginSchema = z
  .string({ error: "Login is required" })
  .trim()
  .min(1, "Login is required")
  .max(200, "Login must be at most 200 characters")
  .regex(/^\S+$/, "Login must not contain spaces")
  .superRefine(noControlCharacters("Login"));

export const DisplayNameSchema = z
  .string({ error: "Display name is required" })
  .trim()
  .min(1, "Display name is required")
  .max(200, "Display name must be at most 200 characters")
  .superRefine(noControlCharacters("Display name"));

/** A new password for `login` (the login itself is refused as a password). */
export function newPasswordSchema(login: string) {
  return z
    .string({ error: "Password is required" })
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters`)
    .refine((p) => !KNOWN_PASSWORDS.has(p.toLowerCase()), "This password is publicly known: choose another")
    .refine((p) => p.toLowerCase() !== login.toLowerCase(), "The password must not be the login")
    .refine((p) => new Set(p).size > 3, "Use more than three different characters");
}

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(MAX_PASSWORD_LENGTH),
    newPassword: z.string().max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters`),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "The two new passwords differ", path: ["confirmPassword"] })
  .refine((v) => v.newPassword !== v.currentPassword, { message: "Choose a password other than the current one", path: ["newPassword"] });

export const NewUserSchema = z.object({
  Login: LoginSchema,
  DisplayName: DisplayNameSchema,
  Type: z.enum(USER_TYPES, { error: "Type must be Internal or Community" }).default("Internal"),
  ConsoleRole: z.enum(CONSOLE_ROLES, { error: "Console role must be Administrator, SecurityReviewer or None" }).default("None"),
});

export type NewUser = z.output<typeof NewUserSchema>;
