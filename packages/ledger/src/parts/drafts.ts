import type { Database } from '@liancun/core'
import { accountClassOf } from '../chart.js'
import type { LedgerContext } from '../context.js'
import { LedgerError } from '../errors.js'
import type { CreateVoucherInput, ReverseVoucherInput } from '../inputs.js'
import { dateAheadError, originText, parseOrigin, refuse, shapeError } from '../rules/drafts.js'
import { closableYears, closedYearProblem } from '../rules/periods.js'
import { reversalLines, voucherLabel } from '../rules/vouchers.js'
import type { LedgerRow } from '../store/ledgers.js'
import { deleteDraftRow, hasClosingVouchers, lockVoucher, markReversed } from '../store/vouchers.js'
import type { GuardOptions, Voucher, VoucherOrigin } from '../types.js'
import { lineFromJson, voucherFromJson } from '../views.js'
import { writeDrafts } from './draft-writer.js'
import { loadLedger, voucherNotFound } from './load.js'

/**
 * Drafts (记账凭证 before review): single, batch, deletion and 红字冲销. Every path that writes a
 * draft into a month takes the ledger FOR KEY SHARE first, then inserts only if the month is open
 * (checked in the insert statement): a close and a draft into its month never both succeed.
 *
 * A year after its 年终结账 takes no draft into its income and expense accounts (the rule posting
 * applies, rules/periods.ts closedYearProblem), so the refusal comes when the voucher is written,
 * not days later at review. Balance-sheet vouchers dated in a closed year stay allowed while their
 * month is open (按月结账: the month's close is what locks them).
 */

/**
 * The closed years among those the drafts could fall into (see closableYears): one statement per
 * such year, after the ledger's key-share lock, so a year close that committed while the draft
 * waited is seen; a year close waits for a draft in flight (FOR UPDATE against KEY SHARE).
 * Drafts of the current year ask nothing.
 */
async function closedYearsOf(
  tx: Database,
  ledger: LedgerRow,
  drafts: readonly { date: string; lines: readonly { account: string }[] }[],
  today: string,
): Promise<Set<string>> {
  const closed = new Set<string>()
  for (const year of closableYears(drafts, today, accountClassOf)) {
    if (await hasClosingVouchers(tx, ledger, year)) closed.add(year)
  }
  return closed
}

export function draftPart(ctx: LedgerContext) {
  return {
    /**
     * A draft 记账凭证, prepared by `preparedBy` (an API key id). A workflow of another domain
     * passes `origin`, the record that created the draft; such a draft is posted (and, if wrong,
     * reversed) but never deleted. Four statements: BEGIN, lock, insert-if-open, COMMIT.
     */
    async createVoucher(
      ledgerId: string,
      input: CreateVoucherInput,
      preparedBy: string,
      options: { origin?: VoucherOrigin } & GuardOptions = {},
    ): Promise<Voucher> {
      return ctx.transaction(async (tx) => {
        // Authorised first: a caller out of scope learns nothing about the ledger from a refusal.
        const ledger = await loadLedger(tx, ledgerId, 'key share', options)
        refuse(shapeError(input.lines))
        const origin = options.origin === undefined ? null : originText(options.origin)
        refuse(dateAheadError(input.date, ctx.clock.today(), 'draft'))
        const closed = await closedYearsOf(tx, ledger, [input], ctx.clock.today())
        refuse(closedYearProblem(input, input.lines, closed, accountClassOf))
        const { vouchers } = await writeDrafts(
          tx,
          [{ ledger, ...input, preparedBy, origin, field: '' }],
          ctx.clock.now(),
          ctx.matterGate,
        )
        return vouchers[0]!
      })
    },

    /**
     * Creates many drafts, all or none (imports and integrations): every item is checked, then
     * all headers and all lines are written by one statement.
     */
    async createVouchers(
      ledgerId: string,
      inputs: CreateVoucherInput[],
      preparedBy: string,
      options?: GuardOptions,
    ): Promise<Voucher[]> {
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'key share', options)
        const today = ctx.clock.today()
        const closed = await closedYearsOf(tx, ledger, inputs, today)
        const specs = inputs.map((input, index) => ({
          ledger,
          ...input,
          preparedBy,
          field: `vouchers.${index}`,
          problem:
            shapeError(input.lines) ??
            dateAheadError(input.date, today, 'draft') ??
            closedYearProblem(input, input.lines, closed, accountClassOf),
        }))
        return (await writeDrafts(tx, specs, ctx.clock.now(), ctx.matterGate)).vouchers
      })
    },

    /**
     * Drafts may be deleted; posted vouchers never, nor drafts created by another domain's
     * record (it points at them).
     */
    async deleteVoucher(ledgerId: string, voucherId: string, options?: GuardOptions): Promise<Voucher> {
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'none', options)
        const found = await lockVoucher(tx, ledger, voucherId)
        if (!found) throw voucherNotFound(voucherId)
        const { voucher: row, lines } = found
        if (row.status !== 'draft') {
          throw new LedgerError(
            'ledger.voucher_posted',
            'a posted voucher is never deleted; reverse it instead',
          )
        }
        const origin = parseOrigin(row.origin)
        if (origin) {
          throw new LedgerError(
            'ledger.voucher_has_origin',
            `this draft was created by ${origin.kind}; post it, and reverse it if it is wrong`,
            { context: { origin } },
          )
        }
        await deleteDraftRow(tx, row)
        return voucherFromJson(row, lines)
      })
    },

    /** 红字冲销: a negated draft of a posted voucher, dated in an open period, linked both ways. */
    async reverseVoucher(
      ledgerId: string,
      voucherId: string,
      input: ReverseVoucherInput,
      preparedBy: string,
      options?: GuardOptions,
    ): Promise<Voucher> {
      const date = input.date ?? ctx.clock.today()
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'key share', options)
        refuse(dateAheadError(date, ctx.clock.today(), 'draft'))
        const found = await lockVoucher(tx, ledger, voucherId)
        if (!found) throw voucherNotFound(voucherId)
        const original = found.voucher
        if (original.status !== 'posted') {
          throw new LedgerError(
            'ledger.voucher_not_posted',
            'only a posted voucher is reversed; delete a draft instead',
          )
        }
        if (original.reversedById) {
          throw new LedgerError(
            'ledger.already_reversed',
            `the voucher is already reversed by ${original.reversedById}`,
          )
        }
        const negated = reversalLines(
          found.lines.map(lineFromJson).map((l) => ({
            account: l.account,
            summary: l.summary ?? undefined,
            debit: l.debit !== 0n ? l.debit : undefined,
            credit: l.debit !== 0n ? undefined : l.credit,
            counterparty: l.counterparty ?? undefined,
            reference: l.reference ?? undefined,
          })),
        )
        const closed = await closedYearsOf(tx, ledger, [{ date, lines: negated }], ctx.clock.today())
        refuse(closedYearProblem({ date }, negated, closed, accountClassOf))
        const label = original.number === null ? original.id : voucherLabel(original.period, original.number)
        const { vouchers } = await writeDrafts(
          tx,
          [
            {
              ledger,
              date,
              summary: `冲销 ${label}：${original.summary}`,
              attachments: 0,
              lines: negated,
              preparedBy,
              field: '',
              checkAccounts: false,
              reversesId: original.id,
            },
          ],
          ctx.clock.now(),
        )
        const reversal = vouchers[0]!
        await markReversed(tx, original, reversal.id)
        return reversal
      })
    },
  }
}
