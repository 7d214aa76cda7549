import { FundsError } from '../errors.js'
import type { CreateFundSourceInput } from '../inputs.js'

/**
 * A source sits where its holder is: a county or township holder in its own division (an
 * alliance's money in its township, which the app resolves), and the money is received in or
 * after the year before its fiscal year. Pure.
 */
export function checkSource(input: CreateFundSourceInput, divisionCode: string): void {
  if (input.holder.kind !== 'alliance' && input.holder.code !== divisionCode) {
    throw new FundsError('funds.holder_mismatch', 'the holder’s division is its own code', {
      field: 'holder',
    })
  }
  if (Number(input.receivedOn.slice(0, 4)) < input.fiscalYear - 1) {
    throw new FundsError(
      'funds.received_before_year',
      'money is received in or after the year before its fiscal year',
      {
        field: 'receivedOn',
      },
    )
  }
}
