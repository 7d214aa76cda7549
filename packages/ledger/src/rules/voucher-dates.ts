import { periodOf } from './vouchers.js'

/** What is being done with a voucher: writing its draft, or posting it. */
export type VoucherDateStage = 'draft' | 'post'

export interface VoucherDateProblem {
  rule: 'after_current_month' | 'after_today'
  message: string
}

/**
 * How far ahead a voucher may be dated, `today` being the business date in Asia/Shanghai.
 *
 * - A draft may be dated up to the last day of the current month: a bookkeeper prepares the
 *   month-end entries (折旧, 计提, 月末结转) before the month ends, but nothing for a month that
 *   has not begun. Equivalently, its month is not after the current month.
 * - Posting moves balances, so a voucher is posted only once its date has come (date ≤ today):
 *   reports, cash checks and balance assertions never see money before the fact. A draft dated
 *   later in the month simply waits for its day.
 *
 * The reference notes (按月结账; every 记账凭证 carries its 日期; back-dating only inside open
 * periods) set no bound ahead; these are the strictest bounds that still allow month-end
 * preparation. Dates compare as ISO strings.
 */
export function voucherDateProblem(
  date: string,
  today: string,
  stage: VoucherDateStage,
): VoucherDateProblem | null {
  if (periodOf(date) > periodOf(today)) {
    return {
      rule: 'after_current_month',
      message: `${date} lies after the current month (today is ${today}); a voucher is dated at most to the end of this month`,
    }
  }
  if (stage === 'post' && date > today) {
    return {
      rule: 'after_today',
      message: `a voucher dated ${date} is posted on or after that day (today is ${today})`,
    }
  }
  return null
}
