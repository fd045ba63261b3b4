/**
 * A `--where` expression that does not parse or compile: the message and
 * where in the expression (character offsets), for a caret under it.
 */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    /** Offset of the first character at fault (the expression's length: at its end). */
    readonly at: number,
    /** How many characters are at fault (at least 1). */
    readonly length = 1,
  ) {
    super(message);
  }

  /** The expression and a caret line under the part at fault, each indented by `indent`. */
  caret(expr: string, indent = '  '): [string, string] {
    const at = Math.min(this.at, expr.length);
    return [indent + expr, indent + ' '.repeat(at) + '^'.repeat(Math.max(1, Math.min(this.length, expr.length - at)))];
  }
}
