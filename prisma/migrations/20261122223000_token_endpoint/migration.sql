-- CreateTable
CREATE TABLE "Id_Signing_Keys" (
    "Kid" TEXT NOT NULL,
    "Alg" TEXT NOT NULL,
    "PublicJwk" JSONB NOT NULL,
    "PrivateKeyEncrypted" TEXT NOT NULL,
    "CreatedUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ActivatesUtc" TIMESTAMPTZ(3) NOT NULL,
    "RetiresUtc" TIMESTAMPTZ(3),
    "ExpiresUtc" TIMESTAMPTZ(3),

    CONSTRAINT "Id_Signing_Keys_pkey" PRIMARY KEY ("Kid")
);

-- CreateTable
CREATE TABLE "Id_Revoked_Tokens" (
    "Jti" TEXT NOT NULL,
    "ClientId" TEXT NOT NULL,
    "ExpiresUtc" TIMESTAMPTZ(3) NOT NULL,
    "RevokedUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Id_Revoked_Tokens_pkey" PRIMARY KEY ("Jti")
);

-- CreateIndex
CREATE INDEX "Id_Revoked_Tokens_ExpiresUtc_idx" ON "Id_Revoked_Tokens"("ExpiresUtc");


-- Cache invalidation for the token endpoint: every change to a trusted application, a user
-- (a SystemUser may be deactivated or promoted) or a signing key is announced, so no process
-- keeps serving a stale configuration (the IsEnabled kill switch must act at once), whichever
-- process or instance made the change.
CREATE OR REPLACE FUNCTION "tac_notify_app_change"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('tac_config_changed', 'app:' || COALESCE(NEW."ApplicationUri", OLD."ApplicationUri"));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "tac_notify_all_change"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('tac_config_changed', TG_ARGV[0]);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Sec_Trusted_Applications_notify"
  AFTER INSERT OR UPDATE OR DELETE ON "Sec_Trusted_Applications"
  FOR EACH ROW EXECUTE FUNCTION "tac_notify_app_change"();

CREATE TRIGGER "Sec_Users_notify"
  AFTER UPDATE OR DELETE ON "Sec_Users"
  FOR EACH STATEMENT EXECUTE FUNCTION "tac_notify_all_change"('users');

CREATE TRIGGER "Id_Signing_Keys_notify"
  AFTER INSERT OR UPDATE OR DELETE ON "Id_Signing_Keys"
  FOR EACH STATEMENT EXECUTE FUNCTION "tac_notify_all_change"('keys');
