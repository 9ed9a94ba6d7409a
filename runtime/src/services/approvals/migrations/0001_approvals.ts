/**
 * 0001 — approval actions (docs/approvals.md): every action a person (or a policy) took on a
 * request, its attachments, the signers added to a step, urges (at most one per task an
 * hour) and timeout state per task.
 */
export const name = '0001_approvals';

export const up: string[] = [
  `CREATE TABLE approval_actions (
     id text PRIMARY KEY,
     seq bigserial NOT NULL,
     instance_id text NOT NULL,
     task_id text,
     activity_id text,
     activity_name text,
     user_id text,
     action text NOT NULL,
     target text,
     comment text,
     created_at timestamptz(3) NOT NULL
   )`,
  `CREATE INDEX approval_actions_instance ON approval_actions (instance_id, created_at)`,
  `CREATE TABLE approval_attachments (
     id text PRIMARY KEY,
     action_id text NOT NULL REFERENCES approval_actions (id),
     instance_id text NOT NULL,
     name text NOT NULL,
     content_type text NOT NULL,
     size integer NOT NULL,
     data bytea NOT NULL
   )`,
  `CREATE INDEX approval_attachments_action ON approval_attachments (action_id)`,
  `CREATE TABLE approval_signers (
     id text PRIMARY KEY,
     instance_id text NOT NULL,
     task_id text NOT NULL,
     activity_id text NOT NULL,
     added_by text NOT NULL,
     user_id text NOT NULL,
     position text NOT NULL,
     state text NOT NULL,
     created_at timestamptz(3) NOT NULL
   )`,
  `CREATE INDEX approval_signers_task ON approval_signers (task_id)`,
  `CREATE TABLE approval_urges (
     task_id text PRIMARY KEY,
     last_at timestamptz(3) NOT NULL
   )`,
  `CREATE TABLE approval_timeouts (
     task_id text PRIMARY KEY,
     reminders integer NOT NULL DEFAULT 0,
     done boolean NOT NULL DEFAULT false
   )`,
];
