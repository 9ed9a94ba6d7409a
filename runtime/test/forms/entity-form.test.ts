import { describe, expect, it } from 'vitest';
import { entityForm } from '../../src/services/forms/entity-form.ts';
import type { FormComponent } from '../../src/services/forms/form-types.ts';
import { validateForm } from '../../src/services/forms/form-validate.ts';
import { viewSchema } from '../../src/services/forms/form-view.ts';
import { PURCHASE_ORDER } from './entity-fixtures.ts';

function all(cs: readonly FormComponent[]): FormComponent[] {
  return cs.flatMap((c) => [c, ...all(c.components ?? [])]);
}

describe('the default form-js form of an entity type', () => {
  it('maps each property to its form-js field with the schema’s rules', () => {
    // when
    const form = entityForm(PURCHASE_ORDER);
    // then
    expect(form).toMatchObject({ id: 'entity-purchase-order', type: 'default', schemaVersion: 16, 'x-entity': 'purchase-order' });
    const by = Object.fromEntries(all(form.components).filter((c) => c.key).map((c) => [c.key, c]));
    expect(by.supplier).toMatchObject({ type: 'textfield', label: 'Supplier', validate: { required: true, minLength: 2, maxLength: 80 } });
    expect(by.contact).toMatchObject({ type: 'textfield', validate: { validationType: 'email' } });
    expect(by.code).toMatchObject({ validate: { pattern: '^PO-\\d+$' } });
    expect(by.ordered).toMatchObject({ type: 'datetime', subtype: 'date' });
    expect(by.status).toMatchObject({ type: 'select', defaultValue: 'draft', values: [{ label: 'draft', value: 'draft' }, { label: 'sent', value: 'sent' }] });
    expect(by.urgent).toMatchObject({ type: 'checkbox' });
    expect(by.channels).toMatchObject({ type: 'checklist', values: [{ value: 'mail' }, { value: 'phone' }] });
    expect(by.company).toMatchObject({ type: 'textfield', description: expect.stringContaining('company') });
    expect(by.qty).toMatchObject({ type: 'number', decimalDigits: 0, validate: { required: true, min: 1 } });
  });

  it('makes an array of objects a detail table with a computed total per numeric column; ids and keys are unique', () => {
    // when
    const form = entityForm(PURCHASE_ORDER);
    // then
    const list = form.components.find((c) => c.type === 'dynamiclist')!;
    expect(list).toMatchObject({ path: 'lines', isRepeating: true, allowAddRemove: true });
    expect(list.components!.map((c) => c.key)).toEqual(['item', 'qty', 'amount']);
    expect(new Set(list.components!.map((c) => (c.layout as { row: string }).row)).size).toBe(1);
    const totals = form.components.filter((c) => c.type === 'expression');
    expect(totals.map((c) => [c.key, c.expression])).toEqual([
      ['linesTotalQty', '=sum(lines.qty)'],
      ['linesTotalAmount', '=sum(lines.amount)'],
    ]);
    const ids = all(form.components).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const topKeys = form.components.filter((c) => c.key).map((c) => c.key);
    expect(new Set(topKeys).size).toBe(topKeys.length);
  });

  it('the generated form validates and computes like a deployed one', () => {
    // given
    const form = entityForm(PURCHASE_ORDER);
    // when
    const ok = validateForm(form, { supplier: 'Hengyi', lines: [{ item: 'steel', qty: 2, amount: 300 }, { item: 'bolts', qty: 10, amount: 20.5 }] });
    const bad = validateForm(form, { supplier: 'H', contact: 'x', lines: [{ item: 'steel', qty: 0 }], status: 'lost' });
    // then
    expect(ok.errors).toEqual([]);
    expect(ok.values).toMatchObject({ linesTotalQty: 12, linesTotalAmount: 320.5 });
    expect(bad.errors.map((e) => e.path).sort()).toEqual(['/contact', '/lines/0/qty', '/status', '/supplier']);
  });

  it('translates labels and the title from the type’s x-i18n', () => {
    // when
    const zh = viewSchema(entityForm(PURCHASE_ORDER), {}, 'zh-CN');
    const en = viewSchema(entityForm(PURCHASE_ORDER), {}, 'en');
    // then
    const by = Object.fromEntries(all(zh.components).map((c) => [c.key ?? c.path ?? c.id, c]));
    expect(by.supplier!.label).toBe('供应商');
    expect(by.lines!.label).toBe('明细');
    expect(zh.components[0]).toMatchObject({ type: 'text', text: '# 采购单' });
    expect(en.components[0]).toMatchObject({ type: 'text', text: '# Purchase order' });
    expect(en.components.find((c) => c.key === 'supplier')!.label).toBe('Supplier');
  });
});
