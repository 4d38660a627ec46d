-- AlterTable
ALTER TABLE "Sec_Users" ADD COLUMN     "MustChangePassword" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "PasswordChangedUtc" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Console_Sessions" (
    "Id" UUID NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "UserId" UUID NOT NULL,
    "CreatedUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ExpiresUtc" TIMESTAMPTZ(3) NOT NULL,
    "RevokedUtc" TIMESTAMPTZ(3),
    "RevokedReason" TEXT,
    "Address" TEXT,
    "UserAgent" TEXT,

    CONSTRAINT "Console_Sessions_pkey" PRIMARY KEY ("Id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Console_Sessions_TokenHash_key" ON "Console_Sessions"("TokenHash");

-- CreateIndex
CREATE INDEX "Console_Sessions_UserId_idx" ON "Console_Sessions"("UserId");

-- CreateIndex
CREATE INDEX "Console_Sessions_ExpiresUtc_idx" ON "Console_Sessions"("ExpiresUtc");

-- AddForeignKey
ALTER TABLE "Console_Sessions" ADD CONSTRAINT "Console_Sessions_UserId_fkey" FOREIGN KEY ("UserId") REFERENCES "Sec_Users"("Id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Passwords set before this migration were set by the seed (there was no way to change one):
-- their owners must choose their own at the next sign-in.
UPDATE "Sec_Users" SET "MustChangePassword" = true WHERE "PasswordHash" IS NOT NULL;

-- A rename (a new ApplicationUri, i.e. a new client_id) must reach the caches keyed by the old
-- client_id as well: announce both, or another instance keeps serving the old client_id from
-- its cache, even when the same save disabled the app.
CREATE OR REPLACE FUNCTION "tac_notify_app_change"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."ApplicationUri" IS DISTINCT FROM NEW."ApplicationUri" THEN
    PERFORM pg_notify('tac_config_changed', 'app:' || OLD."ApplicationUri");
  END IF;
  PERFORM pg_notify('tac_config_changed', 'app:' || COALESCE(NEW."ApplicationUri", OLD."ApplicationUri"));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
