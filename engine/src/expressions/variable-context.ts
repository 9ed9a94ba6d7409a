/** What an expression reads its variables from; the engine supplies one per evaluation. */
export interface VariableContext {
  has(name: string): boolean;
  get(name: string): unknown;
}
