/**
 * 0001 — the organisation: departments (a tree, each with a head), each user's org profile
 * (department, explicit manager, title) and out-of-office delegations.
 *
 * Users are the identity service's `users` rows; the foreign keys follow them: a deleted user
 * loses their profile and delegations, and stops being anyone's head or manager (SET NULL, so
 * the manager rule falls back to the department head). Business roles and groups are identity
 * groups (see org-directory.ts), so they need no table here.
 */
export const name = '0001_org';

export const up: string[] = [
  `CREATE TABLE org_departments (
     id text PRIMARY KEY,
     name text NOT NULL,
     parent_id text REFERENCES org_departments (id),
     head_user_id text REFERENCES users (id) ON DELETE SET NULL
   )`,
  `CREATE INDEX org_departments_parent ON org_departments (parent_id)`,
  `CREATE TABLE org_profiles (
     user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
     department_id text REFERENCES org_departments (id),
     manager_id text REFERENCES users (id) ON DELETE SET NULL,
     title text
   )`,
  `CREATE INDEX org_profiles_department ON org_profiles (department_id)`,
  `CREATE TABLE org_delegations (
     id text PRIMARY KEY,
     user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     delegate_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     starts_at timestamptz(3) NOT NULL,
     ends_at timestamptz(3) NOT NULL,
     reason text,
     created_by text NOT NULL,
     created_at timestamptz(3) NOT NULL,
     CHECK (starts_at < ends_at),
     CHECK (user_id <> delegate_id)
   )`,
  `CREATE INDEX org_delegations_user ON org_delegations (user_id, starts_at)`,
];
