/**
 * 0001 — import runs and their refused rows. `updated_at` is the run's heartbeat: several
 * processes share the database, so no process can tell at boot whether another one's import is
 * still alive; a reader reports a run whose heartbeat is older than 60 s as failed (interrupted).
 */
export const name = '0001_entity_import';

export const up: string[] = [
  `CREATE TABLE entity_imports (
     id uuid PRIMARY KEY,
     type text NOT NULL,
     status text NOT NULL,
     file_name text NOT NULL,
     format text NOT NULL,
     on_duplicate text NOT NULL,
     mapping jsonb NOT NULL,
     bytes_total bigint NOT NULL,
     bytes_read bigint NOT NULL DEFAULT 0,
     processed integer NOT NULL DEFAULT 0,
     created integer NOT NULL DEFAULT 0,
     updated integer NOT NULL DEFAULT 0,
     skipped integer NOT NULL DEFAULT 0,
     refused integer NOT NULL DEFAULT 0,
     started_by text NOT NULL,
     started_at timestamptz(3) NOT NULL,
     updated_at timestamptz(3) NOT NULL,
     finished_at timestamptz(3),
     error text
   )`,
  `CREATE INDEX entity_imports_type_started ON entity_imports (type, started_at)`,
  `CREATE TABLE entity_import_rows (
     import_id uuid NOT NULL,
     row_number integer NOT NULL,
     errors jsonb NOT NULL,
     PRIMARY KEY (import_id, row_number)
   )`,
];
