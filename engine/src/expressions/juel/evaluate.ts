/**
 * Tree-walking evaluator for the JUEL subset.
 *
 * Identifiers are read from the caller's {@link VariableContext}, and `name(…)` calls its
 * registered functions (an unregistered name fails the evaluation); an unknown identifier raises
 * LZ_ERR_UNKNOWN_VARIABLE (Camunda: "Cannot resolve identifier 'x'"). Property access reads own
 * properties of objects and getters defined on their class (never methods, never
 * `Object.prototype`); a missing property is null, and so is any property of null (EL 2.2 §1.6:
 * "If value-a is null, return null").
 */
import { LzError } from '../../errors.ts';
import { callFunction, unknownFunction } from '../functions.ts';
import { evalError, quote } from '../source-errors.ts';
import type { VariableContext } from '../variable-context.ts';
import type { CallNode, JuelNode, TemplatePart } from './ast.ts';
import {
  arithmetic, CoercionError, compare, describe, divide, equals, isEmpty, negate, toBoolean, toNumber, toText,
} from './coerce.ts';

/**
 * Evaluates a composite text. When `single` is true the value of the only expression part is
 * returned as is (any type); otherwise the parts are concatenated as a string.
 */
export function evaluateTemplate(source: string, parts: readonly TemplatePart[], single: boolean, vars: VariableContext): unknown {
  const evaluator = new Evaluator(source, vars);
  try {
    if (single) {
      const part = parts.find((p) => p.kind === 'expression');
      if (part !== undefined) return evaluator.evaluate(part.node);
    }
    let out = '';
    for (const part of parts) out += part.kind === 'text' ? part.text : toText(evaluator.evaluate(part.node));
    return out;
  } catch (e) {
    if (e instanceof LzError) throw e;
    if (e instanceof CoercionError) throw evalError(source, e.message);
    throw evalError(source, e instanceof Error ? e.message : String(e));
  }
}

class Evaluator {
  constructor(
    private readonly source: string,
    private readonly vars: VariableContext,
  ) {}

  private text(node: JuelNode): string {
    return this.source.slice(node.start, node.end);
  }

  evaluate(node: JuelNode): unknown {
    try {
      return this.evaluateUnguarded(node);
    } catch (e) {
      if (e instanceof CoercionError) throw evalError(this.source, e.message, this.text(node));
      throw e;
    }
  }

  private evaluateUnguarded(node: JuelNode): unknown {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'identifier':
        return this.variable(node.name);
      case 'property':
        return this.property(node.object, node.key);
      case 'unary':
        return this.unary(node.operator, this.evaluate(node.operand));
      case 'conditional':
        return toBoolean(this.evaluate(node.test)) ? this.evaluate(node.consequent) : this.evaluate(node.alternate);
      case 'binary':
        return this.binary(node.operator, node.left, node.right);
      case 'call':
        return this.call(node);
    }
  }

  /** a registered function (EngineOptions.expressionFunctions); a variable of that name does not count */
  private call(node: CallNode): unknown {
    const fn = this.vars.functions?.get(node.name);
    if (fn === undefined) throw unknownFunction(this.source, node.name, this.text(node));
    const args = node.args.map((a) => this.evaluate(a));
    return callFunction(this.source, node.name, fn, args);
  }

  private variable(name: string): unknown {
    if (!this.vars.has(name)) {
      throw new LzError('LZ_ERR_UNKNOWN_VARIABLE', `cannot resolve identifier '${name}' in ${quote(this.source)}`, {
        name,
        expression: this.source,
      });
    }
    return this.vars.get(name) ?? null;
  }

  private unary(operator: '-' | '!' | 'empty', value: unknown): unknown {
    switch (operator) {
      case '-':
        return negate(value);
      case '!':
        return !toBoolean(value);
      case 'empty':
        return isEmpty(value);
    }
  }

  private binary(operator: string, leftNode: JuelNode, rightNode: JuelNode): unknown {
    if (operator === '&&') return toBoolean(this.evaluate(leftNode)) && toBoolean(this.evaluate(rightNode));
    if (operator === '||') return toBoolean(this.evaluate(leftNode)) || toBoolean(this.evaluate(rightNode));
    const a = this.evaluate(leftNode);
    const b = this.evaluate(rightNode);
    switch (operator) {
      case '+':
      case '-':
      case '*':
      case '%':
        return arithmetic(operator, a, b);
      case '/':
        return divide(a, b);
      case '==':
        return equals(a, b);
      case '!=':
        return !equals(a, b);
      case '<':
      case '>':
      case '<=':
      case '>=':
        return compare(operator, a, b);
      default:
        throw new CoercionError(`unknown operator '${operator}'`);
    }
  }

  private property(objectNode: JuelNode, keyNode: JuelNode): unknown {
    const base = this.evaluate(objectNode);
    const key = this.evaluate(keyNode);
    if (base === null || base === undefined) return null;
    if (Array.isArray(base)) {
      if (typeof key === 'boolean') throw new CoercionError(`cannot use ${describe(key)} as a list index`);
      const index = Math.trunc(toNumber(key, typeof key !== 'number'));
      return index >= 0 && index < base.length ? (base[index] ?? null) : null;
    }
    if (base instanceof Map) return base.get(key) ?? null;
    if (typeof base !== 'object') {
      throw new CoercionError(`cannot read property '${toText(key)}' of ${describe(base)}`);
    }
    const value = readObjectProperty(base, toText(key));
    if (typeof value === 'function') {
      throw new CoercionError(`property '${toText(key)}' is a function; method calls are not supported`);
    }
    return value ?? null;
  }
}

/** Own properties, or getters declared on the object's class chain; nothing from Object.prototype. */
function readObjectProperty(obj: object, name: string): unknown {
  if (Object.hasOwn(obj, name)) return (obj as Record<string, unknown>)[name];
  let proto: unknown = Object.getPrototypeOf(obj);
  while (proto !== null && proto !== Object.prototype && typeof proto === 'object') {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (d !== undefined) return d.get !== undefined ? (d.get.call(obj) as unknown) : null;
    proto = Object.getPrototypeOf(proto);
  }
  return null;
}
