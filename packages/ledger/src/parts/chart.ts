import type { LedgerContext } from '../context.js'
import { LedgerError } from '../errors.js'
import type { AddAccountInput, OpeningBalancesInput } from '../inputs.js'
import { type AccountFact, lineAccountError, refuse } from '../rules/drafts.js'
import { voucherTotals } from '../rules/vouchers.js'
import {
  type AccountRow,
  accountHasEntries,
  accountRows,
  disableAccountRow,
  insertAccount,
  markParent,
} from '../store/accounts.js'
import { netBalances, replaceOpening } from '../store/balances.js'
import { hasPosted } from '../store/vouchers.js'
import type { Account, GuardOptions } from '../types.js'
import { toAccount } from '../views.js'
import { loadLedger } from './load.js'

export function accountFacts(rows: readonly AccountRow[]): Map<string, AccountFact> {
  return new Map(
    rows.map((row) => [
      row.code,
      { code: row.code, name: row.name, isLeaf: row.isLeaf, disabled: row.disabledAt !== null },
    ]),
  )
}

/** The chart of accounts (科目表) and opening balances; changes take the ledger FOR UPDATE. */
export function chartPart(ctx: LedgerContext) {
  return {
    async listAccounts(ledgerId: string, options?: GuardOptions): Promise<Account[]> {
      const ledger = await loadLedger(ctx.db, ledgerId, 'none', options)
      return (await accountRows(ctx.db, ledger)).map(toAccount)
    },

    /** Adds a 明细科目 under an account; the parent stops taking postings (it must have none yet). */
    async addAccount(ledgerId: string, input: AddAccountInput, options?: GuardOptions): Promise<Account> {
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'update', options)
        const all = await accountRows(tx, ledger)
        const parent = all.find((a) => a.code === input.parentCode)
        if (!parent) {
          throw new LedgerError('ledger.account_not_found', `no account ${input.parentCode}`, {
            field: 'parentCode',
          })
        }
        if (all.some((a) => a.code === input.code)) {
          throw new LedgerError('ledger.account_exists', `account ${input.code} exists`, { field: 'code' })
        }
        if (parent.isLeaf) {
          // A leaf with postings (or drafts) becoming a parent would strand its lines.
          if (await accountHasEntries(tx, ledger, parent.code)) {
            throw new LedgerError(
              'ledger.parent_has_entries',
              `${parent.code} ${parent.name} already has entries`,
              {
                field: 'parentCode',
              },
            )
          }
          await markParent(tx, ledger, parent.code)
        }
        const row = await insertAccount(tx, {
          countyCode: ledger.countyCode,
          ledgerId: ledger.id,
          code: input.code,
          name: input.name,
          class: parent.class,
          normalSide: parent.normalSide,
          parentCode: parent.code,
        })
        return toAccount(row)
      })
    },

    /** Disables an account (never deletes it); refused while it or its sub-accounts hold a balance. */
    async disableAccount(ledgerId: string, code: string, options?: GuardOptions): Promise<Account> {
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'update', options)
        const all = await accountRows(tx, ledger)
        const account = all.find((a) => a.code === code)
        if (!account) throw new LedgerError('ledger.unknown_account', `no account ${code}`)
        const subtree = all.filter((a) => a.code.startsWith(code)).map((a) => a.code)
        const net = [...(await netBalances(tx, ledger, subtree)).values()].reduce((sum, n) => sum + n, 0n)
        if (net !== 0n) {
          throw new LedgerError('ledger.account_has_balance', `${code} ${account.name} has a balance`, {
            context: { net: net.toString() },
          })
        }
        return toAccount(await disableAccountRow(tx, ledger, code, ctx.clock.now()))
      })
    },

    /** Sets opening balances: balanced, leaf accounts, and only before the first posted voucher. */
    async setOpeningBalances(
      ledgerId: string,
      input: OpeningBalancesInput,
      options?: GuardOptions,
    ): Promise<Account[]> {
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'update', options)
        if (await hasPosted(tx, ledger)) {
          throw new LedgerError(
            'ledger.opening_after_posting',
            'opening balances are set before the first posted voucher',
          )
        }
        const { debit, credit } = voucherTotals(input.lines)
        if (debit !== credit) {
          throw new LedgerError('ledger.unbalanced', `opening debits ${debit} fen ≠ credits ${credit} fen`, {
            field: 'lines',
          })
        }
        const all = await accountRows(tx, ledger)
        refuse(lineAccountError(accountFacts(all), input.lines))
        await replaceOpening(
          tx,
          ledger,
          input.lines.map((l) => ({ account: l.account, debit: l.debit ?? 0n, credit: l.credit ?? 0n })),
        )
        return all.map(toAccount)
      })
    },
  }
}
