import { type Fen, formatMoney } from '@liancun/core'
import { CollectiveError } from '../errors.js'

/**
 * 村级重大事项 go through 四议两公开 (2019 农村基层组织工作条例; governance.md §1): a disposal of
 * collective property or a 发包/租赁 contract at or above the major-matter amount in force for
 * the village (the governance rules, national default or a local override) names its matter.
 * This package stores the matter id and the amount it compared; the app checks the matter is
 * resolved (`matterStandingProblem`).
 */
export const MAJOR_MATTER_BASIS = '四议两公开 (中国共产党农村基层组织工作条例 2019): 村级重大事项'

export function requireMatter(input: {
  amount: Fen
  majorMatterAmount: Fen
  matterId: string | null
  what: string
}): void {
  if (input.amount >= input.majorMatterAmount && input.matterId === null) {
    throw new CollectiveError(
      'collective.matter_required',
      `${input.what} of ${formatMoney(input.amount)} reaches the major-matter amount ${formatMoney(input.majorMatterAmount)}: name its 四议两公开 matter`,
      {
        field: 'matterId',
        context: {
          amount: formatMoney(input.amount),
          majorMatterAmount: formatMoney(input.majorMatterAmount),
          basis: MAJOR_MATTER_BASIS,
        },
      },
    )
  }
}

/** The refusal when the named matter's standing (from governance) is not complete. */
export function matterStandingProblem(matterId: string, missing: readonly string[]): CollectiveError | null {
  if (missing.length === 0) return null
  return new CollectiveError(
    'collective.matter_not_resolved',
    `matter ${matterId} does not yet decide this: ${missing.join('; ')}`,
    { field: 'matterId', context: { matterId, missing, basis: MAJOR_MATTER_BASIS } },
  )
}
