import type { ColumnType } from './sql-literal.ts';

/**
 * Column types of the tables the command context writes in batches and reads back as
 * JSON. Keep in step with migrations/*.ts (a test compares the two).
 */
export const TABLES = {
  process_instances: {
    id: 'text', definition_id: 'text', definition_key: 'text', business_key: 'text', rev: 'int', state: 'text',
    super_execution_id: 'text', super_instance_id: 'text', root_instance_id: 'text', start_time: 'timestamptz', start_user_id: 'text',
  },
  executions: {
    id: 'text', instance_id: 'text', parent_id: 'text', element_id: 'text', kind: 'text', state: 'text', data: 'jsonb', created_at: 'timestamptz',
  },
  variables: {
    id: 'text', instance_id: 'text', scope_id: 'text', name: 'text', type: 'text', value: 'jsonb', rev: 'int', created_at: 'timestamptz',
  },
  tasks: {
    id: 'text', instance_id: 'text', execution_id: 'text', definition_id: 'text', definition_key: 'text', element_id: 'text',
    name: 'text', description: 'text', assignee: 'text', owner: 'text', delegation_state: 'text', priority: 'int',
    due_date: 'timestamptz', follow_up_date: 'timestamptz', form_key: 'text', candidate_users: 'jsonb', candidate_groups: 'jsonb',
    created_at: 'timestamptz', business_key: 'text', original_assignee: 'text', assignment_note: 'text',
  },
  event_subscriptions: {
    id: 'text', type: 'text', event_name: 'text', instance_id: 'text', execution_id: 'text', element_id: 'text',
    definition_id: 'text', config: 'jsonb', created_at: 'timestamptz',
  },
  jobs: {
    id: 'text', type: 'text', instance_id: 'text', execution_id: 'text', definition_id: 'text', definition_key: 'text',
    element_id: 'text', handler: 'jsonb', due_at: 'timestamptz', retries: 'int', retry_cycle: 'text', lock_owner: 'text',
    lock_expires_at: 'timestamptz', exception_message: 'text', exception_stack: 'text', priority: 'int', suspended: 'bool',
    created_at: 'timestamptz',
  },
  external_tasks: {
    id: 'text', topic: 'text', worker_id: 'text', lock_expires_at: 'timestamptz', retries: 'int', error_message: 'text',
    error_details: 'text', instance_id: 'text', execution_id: 'text', element_id: 'text', definition_id: 'text',
    definition_key: 'text', business_key: 'text', priority: 'int', suspended: 'bool', created_at: 'timestamptz',
  },
  incidents: {
    id: 'text', type: 'text', message: 'text', instance_id: 'text', execution_id: 'text', element_id: 'text',
    definition_id: 'text', job_id: 'text', external_task_id: 'text', created_at: 'timestamptz',
  },
  hist_process_instances: {
    id: 'text', definition_id: 'text', definition_key: 'text', business_key: 'text', start_time: 'timestamptz',
    end_time: 'timestamptz', state: 'text', start_activity_id: 'text', end_activity_id: 'text', super_instance_id: 'text',
    root_instance_id: 'text', delete_reason: 'text', error_code: 'text', start_user_id: 'text',
  },
  hist_activity_instances: {
    id: 'text', instance_id: 'text', parent_id: 'text', element_id: 'text', element_type: 'text', element_name: 'text',
    task_id: 'text', called_instance_id: 'text', start_time: 'timestamptz', end_time: 'timestamptz', state: 'text', seq: 'bigint',
  },
  hist_tasks: {
    id: 'text', instance_id: 'text', execution_id: 'text', definition_key: 'text', element_id: 'text', name: 'text',
    assignee: 'text', owner: 'text', priority: 'int', due_date: 'timestamptz', start_time: 'timestamptz', end_time: 'timestamptz',
    delete_reason: 'text', original_assignee: 'text', assignment_note: 'text',
  },
  hist_variable_updates: {
    id: 'text', instance_id: 'text', scope_id: 'text', name: 'text', type: 'text', value: 'jsonb', op: 'text', rev: 'int',
    time: 'timestamptz', seq: 'bigint',
  },
  hist_incidents: {
    id: 'text', type: 'text', message: 'text', instance_id: 'text', element_id: 'text', job_id: 'text',
    external_task_id: 'text', created_at: 'timestamptz', end_time: 'timestamptz', state: 'text',
  },
  /** task comments (0002); commands write them only for redirected assignments */
  comments: {
    id: 'text', task_id: 'text', instance_id: 'text', user_id: 'text', time: 'timestamptz', message: 'text',
  },
} as const satisfies Record<string, Record<string, ColumnType>>;

export type TableName = keyof typeof TABLES;

type TsOf<T extends ColumnType> = T extends 'text'
  ? string | null
  : T extends 'int' | 'bigint' | 'float'
    ? number | null
    : T extends 'bool'
      ? boolean
      : T extends 'timestamptz'
        ? Date | null
        : unknown;

/** the row shape of a table, derived from its column types */
export type RowOf<N extends TableName> = { -readonly [K in keyof (typeof TABLES)[N]]: (typeof TABLES)[N][K] extends ColumnType ? TsOf<(typeof TABLES)[N][K]> : never } & { id: string };

/** turn a row read through row_to_json back into typed values (timestamps are strings in JSON) */
export function reviveRow<N extends TableName>(table: N, json: Record<string, unknown>): RowOf<N> {
  const cols = TABLES[table] as Record<string, ColumnType>;
  const row: Record<string, unknown> = {};
  for (const [col, type] of Object.entries(cols)) {
    const v = json[col];
    row[col] = type === 'timestamptz' && typeof v === 'string' ? new Date(v) : v === undefined ? null : v;
  }
  return row as RowOf<N>;
}
