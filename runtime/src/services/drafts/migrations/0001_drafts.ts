/** 0001 — designer drafts (API contract A): one row per (kind, key), a revision for optimistic saves. */
export const name = '0001_drafts';

export const up: string[] = [
  // which draft changed last, across processes (timestamps of one millisecond tie)
  `CREATE SEQUENCE drafts_touched_seq`,
  `CREATE TABLE drafts (
     id text PRIMARY KEY,
     kind text NOT NULL,
     key text NOT NULL,
     name text NOT NULL,
     mode text NOT NULL,
     simple jsonb,
     content text NOT NULL,
     revision integer NOT NULL,
     created_by text NOT NULL,
     created_at timestamptz(3) NOT NULL,
     updated_by text NOT NULL,
     updated_at timestamptz(3) NOT NULL,
     touched bigint NOT NULL DEFAULT nextval('drafts_touched_seq'),
     UNIQUE (kind, key)
   )`,
  `CREATE INDEX drafts_touched ON drafts (touched DESC)`,
];
