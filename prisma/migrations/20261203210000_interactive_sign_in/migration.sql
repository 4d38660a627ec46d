-- CreateTable
CREATE TABLE "Id_Sessions" (
    "Id" UUID NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "UserId" UUID NOT NULL,
    "AuthTimeUtc" TIMESTAMPTZ(3) NOT NULL,
    "CreatedUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ExpiresUtc" TIMESTAMPTZ(3) NOT NULL,
    "RevokedUtc" TIMESTAMPTZ(3),
    "RevokedReason" TEXT,
    "Address" TEXT,
    "UserAgent" TEXT,

    CONSTRAINT "Id_Sessions_pkey" PRIMARY KEY ("Id")
);

-- CreateTable
CREATE TABLE "Id_Interactions" (
    "Id" TEXT NOT NULL,
    "BrowserHash" TEXT NOT NULL,
    "ClientId" TEXT NOT NULL,
    "Params" JSONB NOT NULL,
    "LastLogin" TEXT,
    "SessionId" UUID,
    "CreatedUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ExpiresUtc" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Id_Interactions_pkey" PRIMARY KEY ("Id")
);

-- CreateTable
CREATE TABLE "Id_Authorization_Codes" (
    "CodeHash" TEXT NOT NULL,
    "TrustedApplicationId" UUID NOT NULL,
    "UserId" UUID NOT NULL,
    "RedirectUri" TEXT NOT NULL,
    "CodeChallenge" TEXT NOT NULL,
    "Scope" TEXT NOT NULL,
    "Nonce" TEXT,
    "AuthTimeUtc" TIMESTAMPTZ(3) NOT NULL,
    "CreatedUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ExpiresUtc" TIMESTAMPTZ(3) NOT NULL,
    "ConsumedUtc" TIMESTAMPTZ(3),
    "GrantId" UUID,

    CONSTRAINT "Id_Authorization_Codes_pkey" PRIMARY KEY ("CodeHash")
);

-- CreateTable
CREATE TABLE "Id_Grants" (
    "Id" UUID NOT NULL,
    "TrustedApplicationId" UUID NOT NULL,
    "UserId" UUID NOT NULL,
    "Scope" TEXT NOT NULL,
    "Nonce" TEXT,
    "AuthTimeUtc" TIMESTAMPTZ(3) NOT NULL,
    "CreatedUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "RevokedUtc" TIMESTAMPTZ(3),
    "RevokedReason" TEXT,

    CONSTRAINT "Id_Grants_pkey" PRIMARY KEY ("Id")
);

-- CreateTable
CREATE TABLE "Id_Refresh_Tokens" (
    "TokenHash" TEXT NOT NULL,
    "GrantId" UUID NOT NULL,
    "CreatedUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ExpiresUtc" TIMESTAMPTZ(3) NOT NULL,
    "UsedUtc" TIMESTAMPTZ(3),

    CONSTRAINT "Id_Refresh_Tokens_pkey" PRIMARY KEY ("TokenHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "Id_Sessions_TokenHash_key" ON "Id_Sessions"("TokenHash");

-- CreateIndex
CREATE INDEX "Id_Sessions_UserId_idx" ON "Id_Sessions"("UserId");

-- CreateIndex
CREATE INDEX "Id_Sessions_ExpiresUtc_idx" ON "Id_Sessions"("ExpiresUtc");

-- CreateIndex
CREATE INDEX "Id_Interactions_ExpiresUtc_idx" ON "Id_Interactions"("ExpiresUtc");

-- CreateIndex
CREATE INDEX "Id_Authorization_Codes_ExpiresUtc_idx" ON "Id_Authorization_Codes"("ExpiresUtc");

-- CreateIndex
CREATE INDEX "Id_Grants_TrustedApplicationId_UserId_idx" ON "Id_Grants"("TrustedApplicationId", "UserId");

-- CreateIndex
CREATE INDEX "Id_Refresh_Tokens_GrantId_idx" ON "Id_Refresh_Tokens"("GrantId");

-- CreateIndex
CREATE INDEX "Id_Refresh_Tokens_ExpiresUtc_idx" ON "Id_Refresh_Tokens"("ExpiresUtc");

-- CreateIndex
CREATE INDEX "Sec_Trusted_Application_Authorizations_UserId_idx" ON "Sec_Trusted_Application_Authorizations"("UserId");

-- AddForeignKey
ALTER TABLE "Id_Sessions" ADD CONSTRAINT "Id_Sessions_UserId_fkey" FOREIGN KEY ("UserId") REFERENCES "Sec_Users"("Id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Id_Authorization_Codes" ADD CONSTRAINT "Id_Authorization_Codes_TrustedApplicationId_fkey" FOREIGN KEY ("TrustedApplicationId") REFERENCES "Sec_Trusted_Applications"("Id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Id_Authorization_Codes" ADD CONSTRAINT "Id_Authorization_Codes_UserId_fkey" FOREIGN KEY ("UserId") REFERENCES "Sec_Users"("Id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Id_Grants" ADD CONSTRAINT "Id_Grants_TrustedApplicationId_fkey" FOREIGN KEY ("TrustedApplicationId") REFERENCES "Sec_Trusted_Applications"("Id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Id_Grants" ADD CONSTRAINT "Id_Grants_UserId_fkey" FOREIGN KEY ("UserId") REFERENCES "Sec_Users"("Id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Id_Refresh_Tokens" ADD CONSTRAINT "Id_Refresh_Tokens_GrantId_fkey" FOREIGN KEY ("GrantId") REFERENCES "Id_Grants"("Id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The token endpoint's user grants, one call per batch of concurrent requests
-- (lib/db/user-grant-store.ts): new grants and refresh tokens recorded, codes consumed, refresh
-- tokens rotated, in one statement. A function rather than a statement sent each time: its plan
-- is prepared once per connection, which on PGlite halves the cost of a batch.
-- v.i says which operation of the batch a row answers: a code or token sent twice in one batch
-- is updated once (UPDATE ... FROM uses one matching row), and only that operation gets it.
CREATE OR REPLACE FUNCTION "tac_user_grant_batch"(p_grants jsonb, p_refresh jsonb, p_consume jsonb, p_rotate jsonb, p_now timestamptz)
RETURNS TABLE (
  "i" int, "TrustedApplicationId" text, "UserId" text, "RedirectUri" text, "CodeChallenge" text, "Scope" text, "Nonce" text,
  "AuthTimeUtc" timestamptz, "ExpiresUtc" timestamptz, "GrantId" text, "RevokedUtc" timestamptz,
  "Login" text, "DisplayName" text, "Type" text, "IsActive" boolean, "AuthorizedScope" text
) LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY WITH
  ng AS (
    INSERT INTO "Id_Grants" ("Id", "TrustedApplicationId", "UserId", "Scope", "Nonce", "AuthTimeUtc", "CreatedUtc")
    SELECT v.id, v.app, v.usr, v.scope, v.nonce, v.auth, v.now
    FROM jsonb_to_recordset(p_grants) AS v(id uuid, app uuid, usr uuid, scope text, nonce text, auth timestamptz, now timestamptz)
    ON CONFLICT ("Id") DO NOTHING
  ),
  nr AS (
    INSERT INTO "Id_Refresh_Tokens" ("TokenHash", "GrantId", "CreatedUtc", "ExpiresUtc")
    SELECT v.h, v.g, v.now, v.exp FROM jsonb_to_recordset(p_refresh) AS v(h text, g uuid, now timestamptz, exp timestamptz)
  ),
  c AS (
    UPDATE "Id_Authorization_Codes" t SET "ConsumedUtc" = p_now, "GrantId" = v.g
    FROM jsonb_to_recordset(p_consume) AS v(h text, g uuid, i int)
    WHERE t."CodeHash" = v.h AND t."ConsumedUtc" IS NULL
    RETURNING v.i, t."TrustedApplicationId", t."UserId", t."RedirectUri", t."CodeChallenge", t."Scope", t."Nonce", t."AuthTimeUtc", t."ExpiresUtc"
  ),
  r AS (
    UPDATE "Id_Refresh_Tokens" t SET "UsedUtc" = p_now
    FROM jsonb_to_recordset(p_rotate) AS v(h text, app uuid, i int), "Id_Grants" g
    WHERE t."TokenHash" = v.h AND t."UsedUtc" IS NULL AND g."Id" = t."GrantId" AND g."TrustedApplicationId" = v.app
    RETURNING v.i, g."TrustedApplicationId", g."UserId", t."GrantId", t."ExpiresUtc", g."Scope", g."Nonce", g."AuthTimeUtc", g."RevokedUtc"
  ),
  x AS (
    SELECT i, "TrustedApplicationId", "UserId", "RedirectUri", "CodeChallenge", "Scope", "Nonce", "AuthTimeUtc", "ExpiresUtc", NULL::uuid AS "GrantId", NULL::timestamptz AS "RevokedUtc" FROM c
    UNION ALL
    SELECT i, "TrustedApplicationId", "UserId", NULL, NULL, "Scope", "Nonce", "AuthTimeUtc", "ExpiresUtc", "GrantId", "RevokedUtc" FROM r
  )
  SELECT x.i::int, x."TrustedApplicationId"::text AS "TrustedApplicationId", x."UserId"::text AS "UserId", x."RedirectUri", x."CodeChallenge",
         x."Scope", x."Nonce", x."AuthTimeUtc", x."ExpiresUtc", x."GrantId"::text AS "GrantId", x."RevokedUtc",
         u."Login"::text, u."DisplayName"::text, u."Type"::text AS "Type", u."IsActive", a."Scope" AS "AuthorizedScope"
  FROM x JOIN "Sec_Users" u ON u."Id" = x."UserId"
  LEFT JOIN "Sec_Trusted_Application_Authorizations" a ON a."TrustedApplicationId" = x."TrustedApplicationId" AND a."UserId" = x."UserId";
END
$$;
