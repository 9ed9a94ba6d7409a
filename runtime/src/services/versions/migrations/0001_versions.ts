/**
 * 0001 — deprecated process definition versions (API contract B): a row marks a version that
 * starts no new instances; its running instances go on. A version is deprecated by id, so the
 * row outlives nothing but its definition (a deleted definition leaves a harmless row).
 */
export const name = '0001_versions';

export const up: string[] = [
  `CREATE TABLE definition_deprecations (
     definition_id text PRIMARY KEY,
     deprecated_by text,
     deprecated_at timestamptz(3) NOT NULL
   )`,
];
