-- One clock per entity. Calls without PCK's timestamp (images, removals) are ordered by their arrival in this
-- database instead of by a gateway's clock, which is never compared with PCK's: pck_timestamp becomes nullable
-- (no PCK timestamp seen yet), pck_stamped says whether the current state carried one, and arrival (a sequence
-- value drawn when the content changes) orders related changes of different entities.
-- AlterTable
ALTER TABLE "entity_state" ADD COLUMN     "arrival" BIGSERIAL NOT NULL,
ADD COLUMN     "pck_stamped" BOOLEAN NOT NULL DEFAULT true,
ALTER COLUMN "pck_timestamp" DROP NOT NULL;
