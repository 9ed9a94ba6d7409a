import { Type, type Static } from 'typebox';

const FieldErrorDto = Type.Object({ path: Type.String({ description: 'JSON pointer into the record' }), message: Type.String() }, { additionalProperties: false });

export const ImportParams = Type.Object({ type: Type.String({ maxLength: 63 }), id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
export const TypeOnlyParams = Type.Object({ type: Type.String({ maxLength: 63 }) }, { additionalProperties: false });

/**
 * The multipart form of POST /api/entities/:type/imports, for the API docs: fastify does not
 * validate multipart parts, so import-form.ts checks them by the same rules.
 */
export const ImportForm = Type.Object({
  file: Type.String({ format: 'binary', description: '.csv (UTF-8, a BOM is fine) or .xlsx (first sheet); the first row is the header' }),
  mapping: Type.String({ description: 'JSON object { "<column header>": "<property>" }; columns left out are ignored' }),
  onDuplicate: Type.Optional(Type.Union([Type.Literal('skip'), Type.Literal('update'), Type.Literal('create')], { default: 'skip', description: 'a row matching a stored record on x-match' })),
});

export const ImportStarted = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const ImportDto = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    type: Type.String(),
    status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
    fileName: Type.String(),
    format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
    onDuplicate: Type.Union([Type.Literal('skip'), Type.Literal('update'), Type.Literal('create')]),
    mapping: Type.Record(Type.String(), Type.String()),
    processed: Type.Integer({ description: 'data rows read (blank rows are not counted)' }),
    created: Type.Integer(),
    updated: Type.Integer(),
    skipped: Type.Integer({ description: 'duplicates left alone (onDuplicate skip)' }),
    refused: Type.Integer({ description: 'rows not stored; GET …/rows says why' }),
    bytesRead: Type.Number(),
    bytesTotal: Type.Number(),
    progress: Type.Number({ minimum: 0, maximum: 1, description: 'share of the file read (1 when done)' }),
    startedBy: Type.String(),
    startedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time', description: 'the heartbeat: a running import silent for 60 s is reported failed (interrupted)' }),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const RowsQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'row number to continue after (the previous page\'s next)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1000 })),
  },
  { additionalProperties: false },
);
export type RowsQueryDto = Static<typeof RowsQuery>;

export const RefusedRowsDto = Type.Object(
  {
    items: Type.Array(Type.Object({ row: Type.Integer({ description: 'as the spreadsheet numbers it: the header is row 1' }), errors: Type.Array(FieldErrorDto) }, { additionalProperties: false })),
    next: Type.Union([Type.Integer(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const ExportQuery = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })),
    filter: Type.Optional(Type.String({ maxLength: 20000, description: 'a JSON array of {field, op, value}, as GET /api/entities/:type takes' })),
    sort: Type.Optional(Type.String({ maxLength: 500, description: 'comma-separated properties, -name descending' })),
    labels: Type.Optional(Type.Boolean({ default: false, description: 'header = the type\'s labels for locale instead of property names' })),
    locale: Type.Optional(Type.String({ maxLength: 20, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' })),
  },
  { additionalProperties: false },
);
export type ExportQueryDto = Static<typeof ExportQuery>;
