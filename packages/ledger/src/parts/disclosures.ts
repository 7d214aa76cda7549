import { createHash } from 'node:crypto'
import { type Fen, formatMoney, isUniqueViolation, newId } from '@liancun/core'
import type { LedgerContext } from '../context.js'
import { LedgerError } from '../errors.js'
import type { CreateDisclosureInput } from '../inputs.js'
import { disclosureProblem, disclosureRange } from '../rules/periods.js'
import { balanceSheet } from '../rules/statements.js'
import { voucherLabel } from '../rules/vouchers.js'
import { accountRows } from '../store/accounts.js'
import { leafNetsThrough } from '../store/balances.js'
import {
  type DisclosureRow,
  disclosureOfVillage,
  disclosuresOfVillage,
  insertDisclosure,
} from '../store/disclosures.js'
import { closedRows } from '../store/periods.js'
import { disclosedLines } from '../store/reports.js'
import type { GuardOptions } from '../types.js'
import { toAccount } from '../views.js'
import { loadLedger } from './load.js'

function disclosureOut(row: DisclosureRow) {
  return {
    id: row.id,
    ledgerId: row.ledgerId,
    villageCode: row.villageCode,
    period: row.period,
    sha256: row.sha256,
    publishedAt: row.createdAt.toISOString(),
    content: row.content,
  }
}

/** 晒财务: frozen financial disclosures of closed months or quarters, public by village. */
export function disclosurePart(ctx: LedgerContext) {
  return {
    /**
     * Freezes the disclosure of a closed month or quarter — income and expenditure item by item,
     * assets and liabilities at its end, receivables and payables, 收益分配 — as JSON text with
     * its sha256, so a printed notice board can be checked against the record.
     */
    async createDisclosure(
      ledgerId: string,
      input: CreateDisclosureInput,
      createdBy: string,
      options?: GuardOptions,
    ) {
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'update', options)
        const problem = disclosureProblem(
          input.period,
          new Set((await closedRows(tx, ledger)).map((c) => c.period)),
        )
        if (problem) throw problem
        const [from, to] = disclosureRange(input.period)
        const all = await accountRows(tx, ledger)
        const classOf = new Map(all.map((a) => [a.code, a.class]))
        const lines = await disclosedLines(tx, ledger, from, to)
        const item = (l: (typeof lines)[number], amount: Fen) => ({
          date: l.voucher.date,
          voucher: voucherLabel(l.voucher.period, l.voucher.number ?? 0),
          account: l.line.accountCode,
          accountName: l.accountName ?? '',
          summary: l.line.summary ?? l.voucher.summary,
          amount: formatMoney(amount),
        })
        const income = lines
          .filter((l) => classOf.get(l.line.accountCode) === 'income')
          .map((l) => item(l, l.line.credit - l.line.debit))
        const expenditure = lines
          .filter((l) => classOf.get(l.line.accountCode) === 'expense')
          .map((l) => item(l, l.line.debit - l.line.credit))
        const distribution = lines
          .filter((l) => l.line.accountCode.startsWith('322'))
          .map((l) => item(l, l.line.credit - l.line.debit))
        const sum = (items: { amount: string }[]) =>
          formatMoney(items.reduce((s, i) => s + BigInt(i.amount.replace('.', '')), 0n))
        const sheet = balanceSheet(all.map(toAccount), await leafNetsThrough(tx, ledger, to))
        const statementLines = (ls: { code: string; name: string; amount: Fen }[]) =>
          ls.map((l) => ({ code: l.code, name: l.name, amount: formatMoney(l.amount) }))
        const content = {
          collective: { name: ledger.collectiveName, uscc: ledger.collectiveUscc },
          villageCode: ledger.villageCode,
          period: input.period,
          months: { from, to },
          income: { items: income, total: sum(income) },
          expenditure: { items: expenditure, total: sum(expenditure) },
          assets: { items: statementLines(sheet.assets), total: formatMoney(sheet.totals.assets) },
          liabilities: {
            items: statementLines(sheet.liabilities),
            total: formatMoney(sheet.totals.liabilities),
          },
          equity: { items: statementLines(sheet.equity), total: formatMoney(sheet.totals.equity) },
          receivables: statementLines(sheet.assets.filter((l) => l.code === '112' || l.code === '113')),
          payables: statementLines(
            sheet.liabilities.filter((l) => ['113', '211', '212', '213'].includes(l.code)),
          ),
          distribution: { items: distribution, total: sum(distribution) },
        }
        const text = JSON.stringify(content)
        const sha256 = createHash('sha256').update(text).digest('hex')
        try {
          // A savepoint of its own: a duplicate is a database error the caller may survive.
          const row = await tx.transaction((sp) =>
            insertDisclosure(sp, {
              countyCode: ledger.countyCode,
              id: newId(ledger.countyCode),
              ledgerId: ledger.id,
              villageCode: ledger.villageCode,
              period: input.period,
              content: text,
              sha256,
              createdBy,
              createdAt: ctx.clock.now(),
            }),
          )
          return disclosureOut(row)
        } catch (error) {
          if (isUniqueViolation(error)) {
            throw new LedgerError('ledger.disclosure_exists', `${input.period} is already disclosed`, {
              field: 'period',
            })
          }
          throw error
        }
      })
    },

    /** Published disclosures of a village, newest period first (content omitted). */
    async listDisclosures(villageCode: string) {
      const rows = await disclosuresOfVillage(ctx.db, villageCode)
      return rows.map((row) => {
        const { content: _content, ...summary } = disclosureOut(row)
        return summary
      })
    },

    async getDisclosure(villageCode: string, id: string) {
      const row = await disclosureOfVillage(ctx.db, villageCode, id)
      if (!row) {
        throw new LedgerError('ledger.disclosure_not_found', `no disclosure ${id} for ${villageCode}`)
      }
      return disclosureOut(row)
    },
  }
}
