-- H2 only (spring.flyway.locations adds db/vendor/{vendor}): H2 reserves identity values 32 at a time by default, and
-- each reservation commits H2's system session, which with WRITE_DELAY=0 writes a chunk of the whole store. A large
-- reservation makes a batch one chunk write. Values reserved and not used (at a restart) leave gaps in id, nothing else.
ALTER TABLE processing_log ALTER COLUMN id SET CACHE 10000;
