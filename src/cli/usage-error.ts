/** Bad usage (unknown option, bad value, invalid regex): exit status 2. */
export class UsageError extends Error {}
