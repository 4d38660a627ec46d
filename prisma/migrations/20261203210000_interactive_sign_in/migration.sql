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

-- CreateTable
CREATE TABLE "Id_Grant_Access_Tokens" (
    "Jti" TEXT NOT NULL,
    "GrantId" UUID NOT NULL,
    "ExpiresUtc" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Id_Grant_Access_Tokens_pkey" PRIMARY KEY ("Jti")
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
CREATE INDEX "Id_Grant_Access_Tokens_GrantId_idx" ON "Id_Grant_Access_Tokens"("GrantId");

-- CreateIndex
CREATE INDEX "Id_Grant_Access_Tokens_ExpiresUtc_idx" ON "Id_Grant_Access_Tokens"("ExpiresUtc");

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

-- AddForeignKey
ALTER TABLE "Id_Grant_Access_Tokens" ADD CONSTRAINT "Id_Grant_Access_Tokens_GrantId_fkey" FOREIGN KEY ("GrantId") REFERENCES "Id_Grants"("Id") ON DELETE CASCADE ON UPDATE CASCADE;

