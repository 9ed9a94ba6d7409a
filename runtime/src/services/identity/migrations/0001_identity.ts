/** 0001 — users, groups, memberships, roles, and runtime settings (the token signing key). */
export const name = '0001_identity';

export const up: string[] = [
  `CREATE TABLE users (
     id text PRIMARY KEY,
     first_name text,
     last_name text,
     email text,
     password_hash text,
     disabled boolean NOT NULL DEFAULT false,
     created_at timestamptz(3) NOT NULL
   )`,
  `CREATE TABLE groups (
     id text PRIMARY KEY,
     name text,
     type text
   )`,
  `CREATE TABLE memberships (
     user_id text NOT NULL,
     group_id text NOT NULL,
     PRIMARY KEY (user_id, group_id)
   )`,
  `CREATE INDEX memberships_group ON memberships (group_id)`,
  `CREATE TABLE user_roles (
     user_id text NOT NULL,
     role text NOT NULL,
     PRIMARY KEY (user_id, role)
   )`,
  `CREATE TABLE runtime_settings (
     key text PRIMARY KEY,
     value text NOT NULL
   )`,
];
