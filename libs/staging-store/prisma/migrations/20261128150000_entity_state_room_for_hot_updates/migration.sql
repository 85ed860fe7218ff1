-- entity_state is rewritten in place all day (every PCK call updates its entity's row). Leaving half of each page
-- free lets PostgreSQL write the new row version beside the old one as a HOT update, without touching the three
-- indexes, as long as no indexed column changes (the staging statement keeps next_attempt_at and pending_since
-- when they need not move). This applies to pages written from now on, and VACUUM FULL rewrites older ones.
-- (No semicolons in these comments: Prisma's migrate deploy splits scripts on them.)
ALTER TABLE "entity_state" SET (fillfactor = 50);
