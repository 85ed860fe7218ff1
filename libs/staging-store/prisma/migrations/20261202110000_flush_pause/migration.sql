-- A tenant whose shop is unavailable rests (shared by every scheduler)
CREATE TABLE "flush_pause" (
    "tenant_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 1,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paused_until" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flush_pause_pkey" PRIMARY KEY ("tenant_id")
);

-- AddForeignKey
ALTER TABLE "flush_pause" ADD CONSTRAINT "flush_pause_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
