import { createHash } from 'node:crypto'
import { addDays, type Fen, formatMoney, isUniqueViolation, newId } from '@liancun/core'
import type { LedgerContext } from '../context.js'
import { LedgerError } from '../errors.js'
import type { CreateDisclosureInput } from '../inputs.js'
import {
  debtsByCounterparty,
  displayWindow,
  ledgerResources,
  specialFunds,
} from '../rules/disclosure-content.js'
import { type RegistersReader, registersSection } from '../rules/disclosure-registers.js'
import { disclosureProblem, disclosureRange, monthsOf, nextPeriod } from '../rules/periods.js'
import { officialBalanceSheet } from '../rules/statement-forms.js'
import { balanceSheet } from '../rules/statements.js'
import { voucherLabel } from '../rules/vouchers.js'
import { accountRows } from '../store/accounts.js'
import { leafNetsThrough } from '../store/balances.js'
import {
  type DisclosureRow,
  disclosureCoverage,
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
      /** `registers`: the app's reader of the 三资 registers; with it the content gains `registers`. */
      options?: GuardOptions & { registers?: RegistersReader },
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
        const periodEnd = addDays(`${nextPeriod(to)}-01`, -1)
        const display = displayWindow(input, ctx.clock.today(), periodEnd)
        const nets = await leafNetsThrough(tx, ledger, to)
        const sheet = balanceSheet(all.map(toAccount), nets)
        const nameOf = (code: string) => all.find((a) => a.code === code)?.name ?? ''
        const plain = (ls: typeof lines) =>
          ls.map((l) => ({
            account: l.line.accountCode,
            debit: l.line.debit,
            credit: l.line.credit,
            counterparty: l.line.counterparty,
          }))
        // Debts by counterparty need every line through the end, not only the period's.
        const history =
          from === ledger.firstPeriod ? lines : await disclosedLines(tx, ledger, ledger.firstPeriod, to)
        const official = officialBalanceSheet(new Map(), nets)
        const periodStart = `${from}-01`
        // 三资公开 (issue 13): the registers as of the period's end, read by the app; none → empty parts.
        const registers = options?.registers
          ? registersSection(
              await options.registers({
                ledgerId: ledger.id,
                villageCode: ledger.villageCode,
                from: periodStart,
                to: periodEnd,
              }),
              periodStart,
              periodEnd,
            )
          : undefined
        const formLines = [...official.assets, ...official.claims].map((l) => ({
          row: l.row,
          label: l.label,
          kind: l.kind,
          amount: formatMoney(l.end),
        }))
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
          // Added with issue 12 item 12 (older disclosures lack them; their text and hash stay).
          balanceSheet: formLines,
          debts: debtsByCounterparty(plain(history), nets, nameOf),
          specialFunds: specialFunds(plain(lines), nets, nameOf),
          resources: {
            fromLedger: ledgerResources(nets, nameOf),
            note: '耕地、林地等资源的面积与发包情况 come from the 三资 register, not from the books',
          },
          review: input.review ?? null,
          display,
          ...(registers ? { registers } : {}),
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

    /**
     * 财务公开 coverage for a township or county: which villages' ledgers have no published
     * disclosure of `period` (a quarter is covered by its own disclosure or by all three months),
     * so the township can follow up (at least quarterly: 农村集体经济组织财务公开规定, 2011).
     */
    async missingDisclosures(within: string, period: string) {
      if (!/^[0-9]{6}([0-9]{3})?$/.test(within)) {
        throw new LedgerError(
          'ledger.invalid_within',
          'coverage is of a county (6 digits) or a township (9 digits)',
          {
            field: 'within',
          },
        )
      }
      const [from, to] = disclosureRange(period)
      const months = from === to ? [] : monthsOf(from, to)
      const rows = await disclosureCoverage(ctx.db, within, period, months)
      const covered = (published: readonly string[]) =>
        published.includes(period) || (months.length > 0 && months.every((m) => published.includes(m)))
      const villages = rows.map((r) => ({
        ledgerId: r.ledger_id,
        villageCode: r.village_code,
        collective: r.collective_name,
        published: r.published ?? [],
      }))
      return {
        within,
        period,
        ledgers: villages.length,
        missing: villages.filter((v) => !covered(v.published)),
        disclosed: villages.filter((v) => covered(v.published)).length,
      }
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
