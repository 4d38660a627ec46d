// Request schemas of the app-saving actions, derived from the form schema in lib/schemas.
import { z } from "zod";
import { TrustedApplicationInputSchema } from "@/lib/schemas/trusted-application";

export const ConsentSchema = z.object({
  acknowledgeWarnings: z.boolean().default(false),
  justification: z.string().max(2000, "Keep the justification under 2000 characters").nullish().transform((v) => v ?? null),
});

export const CreateAppRequestSchema = z.object({ input: TrustedApplicationInputSchema, consent: ConsentSchema });

export const UpdateAppRequestSchema = z.object({
  id: z.uuid(),
  version: z.number().int().positive(),
  input: TrustedApplicationInputSchema,
  consent: ConsentSchema,
});

export const PreviewSaveRequestSchema = z.object({ id: z.uuid().nullable(), input: TrustedApplicationInputSchema });

export const AppIdSchema = z.object({ id: z.uuid() });
