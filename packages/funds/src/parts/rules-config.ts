import { countyOf } from '@liancun/core'
import type { FundsContext } from '../context.js'
import type { PutFundRulesInput } from '../inputs.js'
import { noticeDaysFor, upsertNoticeDays } from '../store/lifecycle.js'
import { DEFAULT_NOTICE_DAYS } from './lifecycle.js'

/** County and township funds settings (公告公示 days); a township's overrides its county's. */
export function ruleConfigPart({ db, clock }: FundsContext) {
  return {
    /** Records (or replaces, for the same day) a county's or township's notice days. */
    async putRules(divisionCode: string, input: PutFundRulesInput, createdBy: string) {
      await upsertNoticeDays(db, {
        countyCode: countyOf(divisionCode),
        divisionCode,
        ...input,
        createdBy,
        createdAt: clock.now(),
      })
      return { divisionCode, effectiveFrom: input.effectiveFrom, noticeDays: input.noticeDays }
    },

    async getRules(divisionCode: string, asOf: string) {
      return {
        divisionCode,
        asOf,
        noticeDays: (await noticeDaysFor(db, divisionCode, asOf)) ?? DEFAULT_NOTICE_DAYS,
      }
    },
  }
}
