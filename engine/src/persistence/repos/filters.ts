/**
 * A small WHERE builder for parametrised queries. Placeholders are written `:v` (not `?`,
 * which is a jsonb operator); each `:v` takes the next value.
 */
export class Where {
  private readonly parts: string[] = [];

  /** `params` may be shared with another Where of the same statement (numbering continues) */
  constructor(readonly params: unknown[] = []) {}

  /** adds the clause unless its (single) value is null/undefined */
  add(clause: string, value: unknown): this {
    if (value === undefined || value === null) return this;
    return this.clause(clause, value);
  }

  /** adds the clause with its values, always */
  clause(clause: string, ...values: unknown[]): this {
    let i = 0;
    const sql = clause.replace(/:v\b/g, () => {
      this.params.push(values[i++]);
      return `$${this.params.length}`;
    });
    this.parts.push(sql);
    return this;
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }

  page(first?: number, max?: number): string {
    const limit = Math.min(Math.max(Math.trunc(Number(max ?? 1000)) || 0, 0), 10_000);
    const offset = Math.max(Math.trunc(Number(first ?? 0)) || 0, 0);
    return `LIMIT ${limit} OFFSET ${offset}`;
  }
}
