/**
 * Errors that reach a trader carry a stable code (for programs and tests) and a Chinese
 * message (for the trader). Context for the maintainer goes to the log, not here.
 */
export class TraderError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TraderError';
  }
}

/** The serialisable form of an error that crosses a process boundary. */
export interface ErrorInfo {
  code: string;
  message: string;
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof TraderError) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `内部错误：${message}` };
}
