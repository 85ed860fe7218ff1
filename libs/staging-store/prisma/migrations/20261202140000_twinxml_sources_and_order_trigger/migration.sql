-- Issue 17: the per-tenant order trigger (PCK's QueueGetOrders URL) and TwinXML sources with their documents.
-- CreateTable
CREATE TABLE "order_trigger" (
    "tenant_id" UUID NOT NULL,
    "pending" BOOLEAN NOT NULL DEFAULT false,
    "requested_at" TIMESTAMPTZ(3),
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_attempt_at" TIMESTAMPTZ(3),
    "attempt_seq" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_outcome" TEXT,
    "last_status" INTEGER,
    "last_error" TEXT,
    "last_success_at" TIMESTAMPTZ(3),
    "calls_ok" INTEGER NOT NULL DEFAULT 0,
    "calls_failed" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_trigger_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "twinxml_source" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "owns" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "twinxml_source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "twinxml_document" (
    "source_id" UUID NOT NULL,
    "batch_id" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'receiving',
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "answer" JSONB,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "twinxml_document_pkey" PRIMARY KEY ("source_id","batch_id")
);

-- CreateIndex
CREATE INDEX "order_trigger_pending_next_attempt_at_idx" ON "order_trigger"("pending", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "twinxml_source_token_hash_key" ON "twinxml_source"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "twinxml_source_tenant_id_name_key" ON "twinxml_source"("tenant_id", "name");

-- AddForeignKey
ALTER TABLE "order_trigger" ADD CONSTRAINT "order_trigger_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinxml_source" ADD CONSTRAINT "twinxml_source_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinxml_document" ADD CONSTRAINT "twinxml_document_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "twinxml_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

