/**
 * 0001 — the engine's first schema. Runtime tables hold only what is running (rows of an
 * ended instance are deleted, so their size tracks live work, not history); hist_* tables
 * keep what happened. No foreign keys on the hot runtime tables: every write goes through
 * the command context, which keeps them consistent and checks the instance revision.
 */
export const name = '0001_init';

export const up: string[] = [
  // raises SQLSTATE LZ409 when a checked write did not hit exactly what it expected;
  // used inside batched writes (see context/flush.ts) to abort the whole batch
  `CREATE OR REPLACE FUNCTION lz_assert(ok boolean, what text) RETURNS boolean LANGUAGE plpgsql AS $$
   BEGIN
     IF ok IS NOT TRUE THEN
       RAISE EXCEPTION 'conflict: %', what USING ERRCODE = 'LZ409';
     END IF;
     RETURN true;
   END $$`,

  `CREATE TABLE deployments (
     id text PRIMARY KEY,
     name text,
     source text,
     tenant_id text,
     deployed_at timestamptz(3) NOT NULL
   )`,
  `CREATE TABLE deployment_resources (
     id text PRIMARY KEY,
     deployment_id text NOT NULL,
     name text NOT NULL,
     content text NOT NULL,
     hash text NOT NULL,
     created_at timestamptz(3) NOT NULL
   )`,
  `CREATE INDEX deployment_resources_deployment ON deployment_resources (deployment_id)`,
  `CREATE INDEX deployment_resources_name_hash ON deployment_resources (name, hash)`,

  `CREATE TABLE process_definitions (
     id text PRIMARY KEY,
     key text NOT NULL,
     version int NOT NULL,
     name text,
     deployment_id text NOT NULL,
     resource_id text NOT NULL,
     resource_name text NOT NULL,
     hash text NOT NULL,
     version_tag text,
     suspended boolean NOT NULL DEFAULT false,
     history_ttl int,
     created_at timestamptz(3) NOT NULL,
     UNIQUE (key, version)
   )`,

  `CREATE TABLE process_instances (
     id text PRIMARY KEY,
     definition_id text NOT NULL,
     definition_key text NOT NULL,
     business_key text,
     rev int NOT NULL,
     state text NOT NULL,
     super_execution_id text,
     super_instance_id text,
     root_instance_id text NOT NULL,
     start_time timestamptz(3) NOT NULL,
     start_user_id text
   )`,
  `CREATE INDEX process_instances_definition ON process_instances (definition_id)`,
  `CREATE INDEX process_instances_business_key ON process_instances (business_key) WHERE business_key IS NOT NULL`,
  `CREATE INDEX process_instances_super ON process_instances (super_instance_id) WHERE super_instance_id IS NOT NULL`,

  `CREATE TABLE executions (
     id text PRIMARY KEY,
     instance_id text NOT NULL,
     parent_id text,
     element_id text NOT NULL,
     kind text NOT NULL,
     state text NOT NULL,
     data jsonb,
     created_at timestamptz(3) NOT NULL
   )`,
  `CREATE INDEX executions_instance ON executions (instance_id)`,

  `CREATE TABLE variables (
     id text PRIMARY KEY,
     instance_id text NOT NULL,
     scope_id text NOT NULL,
     name text NOT NULL,
     type text NOT NULL,
     value jsonb,
     rev int NOT NULL,
     created_at timestamptz(3) NOT NULL,
     UNIQUE (scope_id, name)
   )`,
  `CREATE INDEX variables_instance ON variables (instance_id)`,

  `CREATE TABLE tasks (
     id text PRIMARY KEY,
     instance_id text NOT NULL,
     execution_id text NOT NULL,
     definition_id text NOT NULL,
     definition_key text NOT NULL,
     element_id text NOT NULL,
     name text,
     description text,
     assignee text,
     owner text,
     delegation_state text,
     priority int NOT NULL DEFAULT 50,
     due_date timestamptz(3),
     follow_up_date timestamptz(3),
     form_key text,
     candidate_users jsonb,
     candidate_groups jsonb,
     created_at timestamptz(3) NOT NULL,
     business_key text
   )`,
  `CREATE INDEX tasks_instance ON tasks (instance_id)`,
  `CREATE INDEX tasks_assignee ON tasks (assignee) WHERE assignee IS NOT NULL`,
  `CREATE INDEX tasks_candidate_users ON tasks USING gin (candidate_users)`,
  `CREATE INDEX tasks_candidate_groups ON tasks USING gin (candidate_groups)`,

  `CREATE TABLE event_subscriptions (
     id text PRIMARY KEY,
     type text NOT NULL,
     event_name text,
     instance_id text,
     execution_id text,
     element_id text NOT NULL,
     definition_id text,
     config jsonb,
     created_at timestamptz(3) NOT NULL
   )`,
  `CREATE INDEX event_subscriptions_name ON event_subscriptions (type, event_name)`,
  `CREATE INDEX event_subscriptions_instance ON event_subscriptions (instance_id) WHERE instance_id IS NOT NULL`,
  `CREATE INDEX event_subscriptions_definition ON event_subscriptions (definition_id) WHERE definition_id IS NOT NULL`,

  `CREATE TABLE jobs (
     id text PRIMARY KEY,
     type text NOT NULL,
     instance_id text,
     execution_id text,
     definition_id text NOT NULL,
     definition_key text NOT NULL,
     element_id text NOT NULL,
     handler jsonb,
     due_at timestamptz(3) NOT NULL,
     retries int NOT NULL,
     retry_cycle text,
     lock_owner text,
     lock_expires_at timestamptz(3),
     exception_message text,
     exception_stack text,
     priority int NOT NULL DEFAULT 0,
     suspended boolean NOT NULL DEFAULT false,
     created_at timestamptz(3) NOT NULL
   )`,
  `CREATE INDEX jobs_acquirable ON jobs (due_at) WHERE retries > 0 AND suspended = false`,
  `CREATE INDEX jobs_instance ON jobs (instance_id) WHERE instance_id IS NOT NULL`,
  `CREATE INDEX jobs_definition ON jobs (definition_id)`,

  `CREATE TABLE external_tasks (
     id text PRIMARY KEY,
     topic text NOT NULL,
     worker_id text,
     lock_expires_at timestamptz(3),
     retries int,
     error_message text,
     error_details text,
     instance_id text NOT NULL,
     execution_id text NOT NULL,
     element_id text NOT NULL,
     definition_id text NOT NULL,
     definition_key text NOT NULL,
     business_key text,
     priority int NOT NULL DEFAULT 0,
     suspended boolean NOT NULL DEFAULT false,
     created_at timestamptz(3) NOT NULL
   )`,
  `CREATE INDEX external_tasks_fetch ON external_tasks (topic, priority DESC, created_at) WHERE suspended = false`,
  `CREATE INDEX external_tasks_instance ON external_tasks (instance_id)`,

  `CREATE TABLE incidents (
     id text PRIMARY KEY,
     type text NOT NULL,
     message text,
     instance_id text NOT NULL,
     execution_id text,
     element_id text,
     definition_id text NOT NULL,
     job_id text,
     external_task_id text,
     created_at timestamptz(3) NOT NULL
   )`,
  `CREATE INDEX incidents_instance ON incidents (instance_id)`,

  `CREATE TABLE hist_process_instances (
     id text PRIMARY KEY,
     definition_id text NOT NULL,
     definition_key text NOT NULL,
     business_key text,
     start_time timestamptz(3) NOT NULL,
     end_time timestamptz(3),
     state text NOT NULL,
     start_activity_id text,
     end_activity_id text,
     super_instance_id text,
     root_instance_id text NOT NULL,
     delete_reason text,
     error_code text,
     start_user_id text
   )`,
  `CREATE INDEX hist_process_instances_key ON hist_process_instances (definition_key, start_time)`,
  `CREATE INDEX hist_process_instances_business_key ON hist_process_instances (business_key) WHERE business_key IS NOT NULL`,

  `CREATE TABLE hist_activity_instances (
     id text PRIMARY KEY,
     instance_id text NOT NULL,
     parent_id text,
     element_id text NOT NULL,
     element_type text NOT NULL,
     element_name text,
     task_id text,
     called_instance_id text,
     start_time timestamptz(3) NOT NULL,
     end_time timestamptz(3),
     state text NOT NULL,
     seq bigint NOT NULL
   )`,
  `CREATE INDEX hist_activity_instances_instance ON hist_activity_instances (instance_id)`,

  `CREATE TABLE hist_tasks (
     id text PRIMARY KEY,
     instance_id text NOT NULL,
     execution_id text NOT NULL,
     definition_key text NOT NULL,
     element_id text NOT NULL,
     name text,
     assignee text,
     owner text,
     priority int,
     due_date timestamptz(3),
     start_time timestamptz(3) NOT NULL,
     end_time timestamptz(3),
     delete_reason text
   )`,
  `CREATE INDEX hist_tasks_instance ON hist_tasks (instance_id)`,

  `CREATE TABLE hist_variable_updates (
     id text PRIMARY KEY,
     instance_id text NOT NULL,
     scope_id text NOT NULL,
     name text NOT NULL,
     type text NOT NULL,
     value jsonb,
     op text NOT NULL,
     rev int NOT NULL,
     time timestamptz(3) NOT NULL,
     seq bigint NOT NULL
   )`,
  `CREATE INDEX hist_variable_updates_instance ON hist_variable_updates (instance_id)`,

  `CREATE TABLE hist_incidents (
     id text PRIMARY KEY,
     type text NOT NULL,
     message text,
     instance_id text NOT NULL,
     element_id text,
     job_id text,
     external_task_id text,
     created_at timestamptz(3) NOT NULL,
     end_time timestamptz(3),
     state text NOT NULL
   )`,
  `CREATE INDEX hist_incidents_instance ON hist_incidents (instance_id)`,
];
