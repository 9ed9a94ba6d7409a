/**
 * 0002 — what the REST layer needs: resources that are not text (images, …) kept as
 * base64, and task comments.
 */
export const name = '0002_runtime_api';

export const up: string[] = [
  `ALTER TABLE deployment_resources ADD COLUMN encoding text NOT NULL DEFAULT 'utf8'`,
  `CREATE TABLE comments (
     id text PRIMARY KEY,
     task_id text,
     instance_id text,
     user_id text,
     time timestamptz(3) NOT NULL,
     message text NOT NULL
   )`,
  `CREATE INDEX comments_task ON comments (task_id)`,
  `CREATE INDEX comments_instance ON comments (instance_id)`,
];
