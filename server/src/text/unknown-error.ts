/**
 * One way to turn a thrown value into text, for the server's log, the client's output channel and the CLI.
 * A `throw` may carry anything (a string, `undefined`, an object without `message`), so nothing here assumes
 * an `Error`.
 */

/** The short reason: an Error's message, or the value itself as text. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/** What a maintainer needs: the stack when there is one (it starts with the message), else the message. */
export function errorDetail(error: unknown): string {
  return error instanceof Error && error.stack ? error.stack : errorMessage(error);
}

/** Logs a failure nobody expected, as `<what> failed: <stack or message>`. */
export function logUnknownError(log: (line: string) => void, what: string, error: unknown): void {
  log(`${what} failed: ${errorDetail(error)}`);
}
