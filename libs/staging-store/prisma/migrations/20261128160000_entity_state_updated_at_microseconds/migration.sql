-- updated_at says when an entity's content last changed. The staging statement tells "updated" from "unchanged"
-- by whether it set updated_at to its own statement timestamp, which needs the full (microsecond) precision.
-- AlterTable
ALTER TABLE "entity_state" ALTER COLUMN "updated_at" SET DATA TYPE TIMESTAMPTZ(6);
