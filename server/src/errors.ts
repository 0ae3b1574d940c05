import { ERRORS, type ErrorCode } from '#core/errors'

/** The one error type use cases throw; the error handler turns it into `{ code, message }`. */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly statusCode: number,
    message: string = ERRORS[code],
    public readonly details?: unknown,
  ) {
    super(message)
  }
}

export const forbidden = () => new AppError('FORBIDDEN', 403)
export const outOfScope = () => new AppError('OUT_OF_SCOPE', 403)
export const notFound = (code: ErrorCode = 'NOT_FOUND') => new AppError(code, 404)
