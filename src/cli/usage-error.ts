/** Bad usage (unknown option, bad value, invalid regex): exit status 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Lines shown under the message (a bad --where expression and a caret under the fault). */
    readonly detail: readonly string[] = [],
  ) {
    super(message);
  }
}
