-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ClientType" AS ENUM ('C', 'P');

-- CreateEnum
CREATE TYPE "AccessTokensPolicy" AS ENUM ('None', 'AuthenticatedUsers', 'AdministratorsOnly');

-- CreateEnum
CREATE TYPE "UserType" AS ENUM ('Internal', 'Community');

-- CreateEnum
CREATE TYPE "ConsoleRole" AS ENUM ('None', 'Administrator', 'SecurityReviewer');

-- CreateTable
CREATE TABLE "Sec_Trusted_Applications" (
    "Id" UUID NOT NULL,
    "ApplicationUri" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "NameTranslations" JSONB NOT NULL DEFAULT '{}',
    "ClientType" "ClientType" NOT NULL DEFAULT 'C',
    "ApplicationSecretHash" TEXT,
    "ApplicationSecretCreatedUtc" TIMESTAMPTZ(3),
    "PreviousSecretHash" TEXT,
    "PreviousSecretCreatedUtc" TIMESTAMPTZ(3),
    "PreviousSecretExpiresUtc" TIMESTAMPTZ(3),
    "ImpersonateLoginUrl" TEXT,
    "ImpersonateLogoutUrl" TEXT,
    "ImpersonateAsInternalUserAllowed" BOOLEAN NOT NULL DEFAULT false,
    "ImpersonateAsCommunityUserAllowed" BOOLEAN NOT NULL DEFAULT false,
    "SystemUserAllowed" BOOLEAN NOT NULL DEFAULT false,
    "SystemUserId" UUID,
    "SystemUserLoginUrl" TEXT,
    "Scope" TEXT,
    "AccessTokens" "AccessTokensPolicy" NOT NULL DEFAULT 'None',
    "BasicAuthenticationAllowed" BOOLEAN NOT NULL DEFAULT false,
    "IsEnabled" BOOLEAN NOT NULL DEFAULT true,
    "Notes" TEXT,
    "CreationTimeUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "Version" INTEGER NOT NULL DEFAULT 1,
    "UpdatedUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "UpdatedBy" TEXT,

    CONSTRAINT "Sec_Trusted_Applications_pkey" PRIMARY KEY ("Id")
);

-- CreateTable
CREATE TABLE "Sec_Users" (
    "Id" UUID NOT NULL,
    "Login" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "Type" "UserType" NOT NULL DEFAULT 'Internal',
    "IsActive" BOOLEAN NOT NULL DEFAULT true,
    "IsAdministrator" BOOLEAN NOT NULL DEFAULT false,
    "PasswordHash" TEXT,
    "ConsoleRole" "ConsoleRole" NOT NULL DEFAULT 'None',
    "CreationTimeUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Sec_Users_pkey" PRIMARY KEY ("Id")
);

-- CreateTable
CREATE TABLE "Sec_Trusted_Application_Authorizations" (
    "Id" UUID NOT NULL,
    "TrustedApplicationId" UUID NOT NULL,
    "UserId" UUID NOT NULL,
    "Scope" TEXT NOT NULL,
    "AuthorizationTimeUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Sec_Trusted_Application_Authorizations_pkey" PRIMARY KEY ("Id")
);

-- CreateTable
CREATE TABLE "Audit_Events" (
    "Id" UUID NOT NULL,
    "TimeUtc" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ActorId" UUID,
    "ActorLogin" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "TargetType" TEXT NOT NULL,
    "TargetId" TEXT,
    "TargetLabel" TEXT,
    "Diff" JSONB NOT NULL DEFAULT '{}',
    "Snapshot" JSONB,
    "Acknowledged" JSONB,
    "Justification" TEXT,

    CONSTRAINT "Audit_Events_pkey" PRIMARY KEY ("Id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Sec_Trusted_Applications_ApplicationUri_key" ON "Sec_Trusted_Applications"("ApplicationUri");

-- CreateIndex
CREATE INDEX "Sec_Trusted_Applications_SystemUserId_idx" ON "Sec_Trusted_Applications"("SystemUserId");

-- CreateIndex
CREATE INDEX "Sec_Trusted_Applications_Name_idx" ON "Sec_Trusted_Applications"("Name");

-- CreateIndex
CREATE UNIQUE INDEX "Sec_Users_Login_key" ON "Sec_Users"("Login");

-- CreateIndex
CREATE UNIQUE INDEX "Sec_Trusted_Application_Authorizations_TrustedApplicationId_key" ON "Sec_Trusted_Application_Authorizations"("TrustedApplicationId", "UserId");

-- CreateIndex
CREATE INDEX "Audit_Events_TimeUtc_idx" ON "Audit_Events"("TimeUtc");

-- CreateIndex
CREATE INDEX "Audit_Events_TargetId_TimeUtc_idx" ON "Audit_Events"("TargetId", "TimeUtc");

-- AddForeignKey
ALTER TABLE "Sec_Trusted_Applications" ADD CONSTRAINT "Sec_Trusted_Applications_SystemUserId_fkey" FOREIGN KEY ("SystemUserId") REFERENCES "Sec_Users"("Id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sec_Trusted_Application_Authorizations" ADD CONSTRAINT "Sec_Trusted_Application_Authorizations_TrustedApplicationI_fkey" FOREIGN KEY ("TrustedApplicationId") REFERENCES "Sec_Trusted_Applications"("Id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sec_Trusted_Application_Authorizations" ADD CONSTRAINT "Sec_Trusted_Application_Authorizations_UserId_fkey" FOREIGN KEY ("UserId") REFERENCES "Sec_Users"("Id") ON DELETE CASCADE ON UPDATE CASCADE;

