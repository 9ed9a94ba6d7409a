/**
 * 0001 — request numbers and titles (docs/approvals.md, process properties lz.serialPattern and
 * lz.titleTemplate): one counter per process key and period (the date part of the number), and
 * the number and title of each request. serial_no is unique: a number is never given twice.
 */
export const name = '0001_request_numbers';

export const up: string[] = [
  `CREATE TABLE serial_counters (
     process_key text NOT NULL,
     period text NOT NULL,
     value bigint NOT NULL,
     PRIMARY KEY (process_key, period)
   )`,
  `CREATE TABLE request_info (
     instance_id text PRIMARY KEY,
     process_key text NOT NULL,
     serial_no text UNIQUE,
     title text,
     created_at timestamptz(3) NOT NULL
   )`,
];
