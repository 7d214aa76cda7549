import { z } from 'zod'

/** RFC 9457 problem details, as every error response of this API. */
export const Problem = z
  .object({
    type: z.string().meta({ example: 'urn:liancun:problem:organization.village_in_other_alliance' }),
    title: z.string().meta({ example: 'Unprocessable Content' }),
    status: z.number().int().meta({ example: 422 }),
    detail: z.string().meta({ example: 'village 370303104201 is in another alliance on 2024-03-01' }),
    code: z.string().meta({
      description: 'stable machine-readable code',
      example: 'organization.village_in_other_alliance',
    }),
    instance: z.string().optional(),
    requestId: z.string(),
    errors: z
      .array(
        z.object({
          field: z.string().meta({ description: 'path of the offending input, e.g. body.members.0.from' }),
          message: z.string(),
        }),
      )
      .optional(),
    context: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' })

export type ProblemBody = z.infer<typeof Problem>

const commonErrors = {
  400: Problem.describe('invalid input (field paths in errors[])'),
  401: Problem.describe('missing, unknown or revoked API key'),
  403: Problem.describe('the key’s role or scope does not allow this'),
  500: Problem.describe('internal error (details are logged, never returned)'),
}

/** Error responses every authenticated operation may return. */
export function errorResponses<const S extends number>(...extra: S[]) {
  const more = Object.fromEntries(extra.map((status) => [status, Problem])) as Record<S, typeof Problem>
  return { ...commonErrors, ...more }
}

export function problemType(code: string): string {
  return `urn:liancun:problem:${code}`
}
