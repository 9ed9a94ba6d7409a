/** CSV / XLSX import into the entity store and export of any query (issue, point 3) */
export { EntityImportService, type ImportRequest, type ImportOptions } from './entity-import.service.ts';
export { exportRecords, type ExportRequest, type ExportStream } from './export.ts';
export type { ImportRun, RefusedRow, OnDuplicate, ImportFormat } from './imports.repo.ts';
