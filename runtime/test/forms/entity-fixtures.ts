import type { EntitySchema } from '../../src/services/entities/types.ts';

/** a type with a detail list (lines) and every kind of field the generator maps */
export const PURCHASE_ORDER: EntitySchema = {
  'x-entity': 'purchase-order',
  type: 'object',
  title: 'Purchase order',
  'x-i18n': { 'zh-CN': { title: '采购单', fields: { supplier: '供应商', lines: '明细' } } },
  required: ['supplier', 'lines'],
  properties: {
    supplier: { type: 'string', 'x-label': 'Supplier', minLength: 2, maxLength: 80 },
    contact: { type: 'string', format: 'email' },
    code: { type: 'string', pattern: '^PO-\\d+$' },
    ordered: { type: 'string', format: 'date' },
    status: { type: 'string', enum: ['draft', 'sent'], default: 'draft' },
    urgent: { type: 'boolean' },
    channels: { type: 'array', items: { type: 'string', enum: ['mail', 'phone'] } },
    company: { type: 'string', 'x-ref': 'company' },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        required: ['item', 'qty'],
        properties: {
          item: { type: 'string' },
          qty: { type: 'integer', minimum: 1 },
          amount: { type: 'number', minimum: 0, maximum: 1000000 },
        },
      },
    },
  },
};

/** what a ticket may hold: stricter than ticket.form, so a submit must pass both */
export const TICKET: EntitySchema = {
  'x-entity': 'ticket',
  type: 'object',
  properties: {
    title: { type: 'string', maxLength: 10 },
    severity: { type: 'integer', minimum: 1, maximum: 5 },
  },
};
