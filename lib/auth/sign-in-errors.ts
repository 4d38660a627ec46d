// Sign-in error codes (next-auth passes the code to the client) and their messages.
// The same text for an unknown login and a wrong password.
export const SIGN_IN_ERRORS: Readonly<Record<string, string>> = {
  CredentialsSignin: "Wrong login or password.",
  NoConsoleRole: "This account has no access to the console. Ask an administrator for a console role.",
};
