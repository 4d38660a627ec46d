// GET|POST /api/auth/* - console sign-in and sign-out (next-auth; lib/auth/route.ts)
import { handleAuthRequest } from "@/lib/auth/route";

export { handleAuthRequest as GET, handleAuthRequest as POST };
