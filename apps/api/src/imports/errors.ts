import { DomainError } from '@liancun/core'

/**
 * The import routes' own refusals (besides 415 `imports.unsupported_media_type`: neither .xlsx nor
 * .csv, answered before any of these) (the rows' rules come from the domain packages and from the
 * layouts in this folder). Declared here with kind and meaning; the OpenAPI document lists them
 * under the `imports` tag.
 */
export const IMPORT_ERRORS = {
  'imports.job_not_found': { kind: 'not_found', meaning: 'no import job with this id' },
  'imports.rows_invalid': {
    kind: 'rule',
    meaning: 'the file breaks rules: `context.errors` lists each (row, column, rule); nothing was written',
  },
} as const

export type ImportErrorCode = keyof typeof IMPORT_ERRORS

/** One broken rule of the file: the spreadsheet row (header = 1), the column heading, the rule. */
export interface RowError {
  row: number
  column: string | null
  rule: string
  message: string
}

/** At most this many row errors are kept and shown; `errorCount` tells how many there were. */
export const IMPORT_ERRORS_SHOWN = 100

/** At most this many data rows per file (one transaction writes them all). */
export const IMPORT_MAX_ROWS = 10_000

/** Largest upload: a full 10,000-row sheet is well under it. */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024

/** The whole file is refused: thrown by readers and checks, caught by the runner. */
export class FileRejected extends Error {
  constructor(readonly errors: RowError[]) {
    super(`${errors.length} rule(s) broken`)
    this.name = 'FileRejected'
  }
}

export function importError(code: ImportErrorCode, message: string, field?: string): DomainError {
  return new DomainError(code, message, {
    kind: IMPORT_ERRORS[code].kind,
    ...(field ? { field } : {}),
  })
}
