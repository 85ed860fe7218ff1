-- CreateTable
CREATE TABLE "tenant" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "pck_login" INTEGER NOT NULL,
    "pck_password_hash" TEXT NOT NULL,
    "shop_url" TEXT,
    "shop_secret" TEXT,
    "mapping_profile" JSONB,
    "options" JSONB NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entity_state" (
    "tenant_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "record" JSONB NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "pck_timestamp" BIGINT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "dirty_version" BIGINT NOT NULL DEFAULT 1,
    "applied_version" BIGINT NOT NULL DEFAULT 0,
    "pending_since" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_owner" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "dead_lettered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "entity_state_pkey" PRIMARY KEY ("tenant_id","kind","key")
);

-- CreateTable
CREATE TABLE "binding" (
    "tenant_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "pck_key" TEXT NOT NULL,
    "shop_id" INTEGER NOT NULL,
    "sku" TEXT,
    "extra" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "binding_pkey" PRIMARY KEY ("tenant_id","kind","pck_key")
);

-- CreateTable
CREATE TABLE "batch" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "sequence" BIGSERIAL NOT NULL,
    "document" TEXT NOT NULL,
    "record_count" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "worker" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch_receipt" (
    "batch_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT,
    "human_message" TEXT,
    "shop_id" INTEGER,

    CONSTRAINT "batch_receipt_pkey" PRIMARY KEY ("batch_id","kind","key")
);

-- CreateTable
CREATE TABLE "web_order" (
    "tenant_id" UUID NOT NULL,
    "shop_order_id" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'staged',
    "record" JSONB NOT NULL,
    "paid_at" TIMESTAMPTZ(3),
    "returned_count" INTEGER NOT NULL DEFAULT 0,
    "returned_at" TIMESTAMPTZ(3),
    "transferred_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "pck_status" INTEGER,
    "failure_reason" TEXT,
    "captured_total" DECIMAL(14,4) NOT NULL DEFAULT 0,
    "credited_total" DECIMAL(14,4) NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "web_order_pkey" PRIMARY KEY ("tenant_id","shop_order_id")
);

-- CreateTable
CREATE TABLE "delivery" (
    "tenant_id" UUID NOT NULL,
    "ref" TEXT NOT NULL,
    "shop_order_id" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "request" JSONB NOT NULL,
    "response" JSONB,
    "shipment_id" INTEGER,
    "amount" DECIMAL(14,4),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_pkey" PRIMARY KEY ("tenant_id","ref")
);

-- CreateTable
CREATE TABLE "cursor" (
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cursor_pkey" PRIMARY KEY ("tenant_id","name")
);

-- CreateTable
CREATE TABLE "call_log" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "operation" TEXT NOT NULL,
    "result" INTEGER NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "entity_key" TEXT,
    "message" TEXT,

    CONSTRAINT "call_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenant_pck_login_key" ON "tenant"("pck_login");

-- CreateIndex
CREATE INDEX "entity_state_tenant_id_next_attempt_at_idx" ON "entity_state"("tenant_id", "next_attempt_at");

-- CreateIndex
CREATE INDEX "entity_state_pending_since_idx" ON "entity_state"("pending_since");

-- CreateIndex
CREATE INDEX "binding_tenant_id_kind_shop_id_idx" ON "binding"("tenant_id", "kind", "shop_id");

-- CreateIndex
CREATE INDEX "batch_tenant_id_created_at_idx" ON "batch"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "web_order_tenant_id_state_idx" ON "web_order"("tenant_id", "state");

-- CreateIndex
CREATE INDEX "delivery_tenant_id_shop_order_id_idx" ON "delivery"("tenant_id", "shop_order_id");

-- CreateIndex
CREATE INDEX "call_log_at_idx" ON "call_log"("at");

-- CreateIndex
CREATE INDEX "call_log_tenant_id_at_idx" ON "call_log"("tenant_id", "at");

-- AddForeignKey
ALTER TABLE "entity_state" ADD CONSTRAINT "entity_state_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "binding" ADD CONSTRAINT "binding_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch" ADD CONSTRAINT "batch_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_receipt" ADD CONSTRAINT "batch_receipt_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "web_order" ADD CONSTRAINT "web_order_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cursor" ADD CONSTRAINT "cursor_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
