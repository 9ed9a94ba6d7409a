/**
 * 0001 — "copied to me" rows (API contract C, CC nodes): one per user a cc step of a request
 * named. (external_task_id, user_id) is unique, so a cc task worked twice (its completion lost,
 * fetched again) records nobody twice; a cc step reached again is a new external task.
 */
export const name = '0001_request_cc';

export const up: string[] = [
  `CREATE TABLE request_cc (
     id text PRIMARY KEY,
     instance_id text NOT NULL,
     external_task_id text NOT NULL,
     activity_id text NOT NULL,
     activity_name text,
     user_id text NOT NULL,
     created_at timestamptz(3) NOT NULL,
     read_at timestamptz(3),
     UNIQUE (external_task_id, user_id)
   )`,
  `CREATE INDEX request_cc_user ON request_cc (user_id, created_at)`,
  `CREATE INDEX request_cc_instance ON request_cc (instance_id)`,
];
