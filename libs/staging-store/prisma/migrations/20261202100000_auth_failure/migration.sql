-- Wrong PCK passwords per login and per source address, shared by all gateway processes and replicas
-- CreateTable
CREATE TABLE "auth_failure" (
    "scope" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "window_starts_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auth_failure_pkey" PRIMARY KEY ("scope","subject")
);

-- CreateIndex
CREATE INDEX "auth_failure_window_starts_at_idx" ON "auth_failure"("window_starts_at");
