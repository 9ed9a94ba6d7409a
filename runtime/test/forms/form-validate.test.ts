import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../src/services/forms/form-types.ts';
import { changedValues, validateForm } from '../../src/services/forms/form-validate.ts';

const ORDER = parseForm(readFileSync(new URL('./order.form', import.meta.url)), 'order.form');

/** a submission that passes every rule of order.form */
const valid = () => ({
  customer: 'ACME',
  email: 'buyer@example.com',
  phone: '+8613800138000',
  code: 'ABC-123',
  priority: 'normal',
  channel: 'web',
  tags: ['a'],
  terms: true,
  extras: ['gift'],
  due: '2025-02-28',
  address: { city: 'Hangzhou', zip: '310000' },
  lines: [
    { item: 'bolt', qty: 10, price: 1.5 },
    { item: 'nut', qty: 4, price: 0.25 },
  ],
  discount: 5,
});

const paths = (r: { errors: { path: string }[] }) => r.errors.map((e) => e.path).sort();
const byPath = <T extends { path: string }>(errors: T[]) => [...errors].sort((a, b) => a.path.localeCompare(b.path));

describe('validateForm (the server-side form-js rules)', () => {
  it('accepts a valid submission and recomputes the expression fields, ignoring submitted ones', () => {
    // when
    const r = validateForm(ORDER, { ...valid(), total: 999999 });
    // then
    expect(r.errors).toEqual([]);
    expect(r.values.total).toBe(16);
    expect((r.values.lines as { amount: number }[]).map((l) => l.amount)).toEqual([15, 1]);
    expect(r.values.address).toEqual({ city: 'Hangzhou', zip: '310000' });
  });

  it('refuses each required field with its JSON pointer: empty text, unchecked checkbox, a row field', () => {
    // when
    const r = validateForm(ORDER, { ...valid(), customer: '', terms: false, address: { zip: '310000' }, lines: [{ qty: 1 }] });
    // then
    expect(paths(r)).toEqual(['/address/city', '/customer', '/lines/0/item', '/terms']);
    expect(r.errors.every((e) => e.message === 'Field is required.')).toBe(true);
  });

  it('refuses min, max, minLength, maxLength, pattern, email, phone and decimal digits', () => {
    // when
    const r = validateForm(ORDER, {
      ...valid(),
      customer: 'A',
      email: 'not-an-email',
      phone: '13800138000',
      code: 'abc',
      address: { city: 'X', zip: '31' },
      lines: [
        { item: 'a', qty: 0, price: -1 },
        { item: 'b', qty: 101, price: 1 },
        { item: 'c', qty: 1.5, price: 1 },
      ],
    });
    // then
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { path: '/customer', message: 'Field must have minimum length of 2.' },
        { path: '/email', message: 'Field must be a valid email.' },
        { path: '/phone', message: expect.stringContaining('international phone number') },
        { path: '/code', message: 'Field must match pattern ^[A-Z]{3}-\\d{3}$.' },
        { path: '/address/zip', message: 'Field must match pattern ^\\d{6}$.' },
        { path: '/lines/0/qty', message: 'Field must have minimum value of 1.' },
        { path: '/lines/0/price', message: 'Field must have minimum value of 0.' },
        { path: '/lines/1/qty', message: 'Field must have maximum value of 100.' },
        { path: '/lines/2/qty', message: 'Value is expected to be an integer.' },
      ]),
    );
    expect(r.errors).toHaveLength(9);
    expect(validateForm(ORDER, { ...valid(), customer: 'x'.repeat(41) }).errors).toEqual([{ path: '/customer', message: 'Field must have maximum length of 40.' }]);
  });

  it('refuses values outside the static options of select, radio, checklist and taglist', () => {
    // when
    const r = validateForm(ORDER, { ...valid(), priority: 'whenever', channel: 'fax', extras: ['gift', 'cake'], tags: ['z'] });
    // then
    expect(paths(r)).toEqual(['/channel', '/extras', '/priority', '/tags']);
    expect(r.errors.find((e) => e.path === '/priority')!.message).toBe('Field must be one of the options: "normal", "urgent".');
  });

  it('refuses values of the wrong type for each component', () => {
    // when
    const r = validateForm(ORDER, { ...valid(), customer: 42, terms: 'yes', tags: 'a', due: '2025-02-30', discount: '5', address: 'Hangzhou', lines: { item: 'x' } });
    // then
    expect(paths(r)).toEqual(['/address', '/customer', '/discount', '/due', '/lines', '/tags', '/terms']);
  });

  it('checks a FEEL-valued rule against the recomputed data (discount at most the total)', () => {
    // when
    const r = validateForm(ORDER, { ...valid(), discount: 17 });
    // then
    expect(r.errors).toEqual([{ path: '/discount', message: 'Field must have maximum value of 16.' }]);
  });

  it('neither validates nor keeps a field hidden by conditional.hide; validates it once shown', () => {
    // when
    const hidden = validateForm(ORDER, { ...valid(), urgentReason: '' });
    const shown = validateForm(ORDER, { ...valid(), priority: 'urgent', urgentReason: '' });
    const filled = validateForm(ORDER, { ...valid(), priority: 'urgent', urgentReason: 'line down' });
    // then
    expect(hidden.errors).toEqual([]);
    expect(hidden.values).not.toHaveProperty('urgentReason');
    expect(shown.errors).toEqual([{ path: '/urgentReason', message: 'Field is required.' }]);
    expect(filled.values.urgentReason).toBe('line down');
  });

  it('refuses unknown keys at the top, inside a group and inside a row', () => {
    // when
    const r = validateForm(ORDER, { ...valid(), isAdmin: true, address: { city: 'X', street: 'Y' }, lines: [{ item: 'a', qty: 1, secret: 1 }] });
    // then
    expect(byPath(r.errors)).toEqual([
      { path: '/address/street', message: 'the form has no such field' },
      { path: '/isAdmin', message: 'the form has no such field' },
      { path: '/lines/0/secret', message: 'the form has no such field' },
    ]);
  });

  it('keeps hidden and read-only fields as stored: a changed value is refused, the same one passes', () => {
    // given
    const current = { ...valid(), customer: 'ACME', discount: 2 };
    const permissions = { customer: 'readonly', discount: 'hidden', 'lines.price': 'readonly' } as const;
    // when
    const changed = validateForm(ORDER, { ...valid(), customer: 'Evil Corp', discount: 0, lines: [{ item: 'bolt', qty: 10, price: 0.01 }, { item: 'nut', qty: 4, price: 0.25 }] }, { current, permissions });
    const { discount: _notSent, ...withoutDiscount } = valid();
    const same = validateForm(ORDER, { ...withoutDiscount, customer: 'ACME', lines: [{ item: 'bolt', qty: 3, price: 1.5 }, { item: 'nut', qty: 4 }] }, { current, permissions });
    // then
    expect(byPath(changed.errors)).toEqual([
      { path: '/customer', message: 'Field is read-only here and cannot be changed.' },
      { path: '/discount', message: 'Field is not shown on this form and cannot be set.' },
      { path: '/lines/0/price', message: 'Field is read-only here and cannot be changed.' },
    ]);
    expect(same.errors).toEqual([]);
    expect(same.values).toMatchObject({ customer: 'ACME', discount: 2 });
    expect(changedValues(same.values, current)).not.toHaveProperty('customer');
    expect(same.errors).toEqual([]);
    expect(same.values.lines).toEqual([{ item: 'bolt', qty: 3, price: 1.5, amount: 4.5 }, { item: 'nut', qty: 4, price: 0.25, amount: 1 }]);
    const removed = validateForm(ORDER, { ...withoutDiscount, lines: [] }, { current, permissions });
    expect(removed.errors).toEqual([{ path: '/lines', message: 'Rows cannot be added or removed here: the list keeps its 2 rows.' }]);
  });

  it('a field not sent keeps its stored value, and so do the keys of a stored object a group does not bind', () => {
    // when
    const r = validateForm(ORDER, { ...valid(), address: { city: 'Ningbo' } }, { current: { address: { city: 'Hangzhou', zip: '310000', country: 'CN' } } });
    // then
    expect(r.errors).toEqual([]);
    expect(r.values.address).toEqual({ city: 'Ningbo', zip: '310000', country: 'CN' });
    expect(validateForm(ORDER, { ...valid(), priority: undefined }, { current: { priority: 'urgent' } }).values.priority).toBe('urgent');
  });

  it('does not check rules of read-only fields (the caller cannot fix them) and refuses a non-object', () => {
    // given
    const form = parseForm(JSON.stringify({ type: 'default', components: [{ type: 'textfield', key: 'a', readonly: true, validate: { required: true } }] }), 'x.form');
    // then
    expect(validateForm(form, {}).errors).toEqual([]);
    expect(validateForm(form, []).errors).toEqual([{ path: '', message: 'The values must be an object.' }]);
  });
});
