import type { Fen } from '@liancun/core'
import type { AccountClass, NormalSide } from './chart.js'
import { parseMatterRule } from './rules/approvals.js'
import { parseOrigin } from './rules/drafts.js'
import { voucherLabel } from './rules/vouchers.js'
import type { AccountRow } from './store/accounts.js'
import type { LedgerRow } from './store/ledgers.js'
import { fen } from './store/sql.js'
import type { LineJson, VoucherRow } from './store/vouchers.js'
import type { Account, Ledger, Voucher, VoucherLine } from './types.js'

/** Rows → the plain data the service returns. */

export function toLedger(row: LedgerRow): Ledger {
  return {
    id: row.id,
    villageCode: row.villageCode,
    countyCode: row.countyCode,
    collective: { name: row.collectiveName, uscc: row.collectiveUscc },
    chart: row.chart,
    firstPeriod: row.firstPeriod,
    createdAt: row.createdAt.toISOString(),
  }
}

export function toAccount(row: AccountRow): Account {
  return {
    code: row.code,
    name: row.name,
    class: row.class as AccountClass,
    normalSide: row.normalSide as NormalSide,
    parentCode: row.parentCode,
    isLeaf: row.isLeaf,
    disabled: row.disabledAt !== null,
  }
}

/** A line as stored or as given: amounts in fen, zero on the side it does not use. */
export interface StoredLine {
  lineNo: number
  account: string
  summary: string | null
  debit: Fen
  credit: Fen
  counterparty: string | null
  reference: string | null
}

export function lineFromJson(line: LineJson): StoredLine & { accountName: string } {
  return { ...line, debit: fen(line.debit), credit: fen(line.credit) }
}

/** A voucher row and its lines as the service returns them. */
export function toVoucher(
  row: VoucherRow,
  lines: readonly StoredLine[],
  accountName: (code: string) => string,
): Voucher {
  let debit = 0n
  let credit = 0n
  const out: VoucherLine[] = [...lines]
    .sort((a, b) => a.lineNo - b.lineNo)
    .map((line) => {
      const isDebit = line.debit !== 0n
      debit += line.debit
      credit += line.credit
      return {
        lineNo: line.lineNo,
        account: line.account,
        accountName: accountName(line.account),
        summary: line.summary,
        debit: isDebit ? line.debit : null,
        credit: isDebit ? null : line.credit,
        counterparty: line.counterparty,
        reference: line.reference,
      }
    })
  return {
    id: row.id,
    ledgerId: row.ledgerId,
    status: row.status as Voucher['status'],
    date: row.date,
    period: row.period,
    number: row.number,
    label: row.number === null ? null : voucherLabel(row.period, row.number),
    summary: row.summary,
    attachments: row.attachments,
    preparedBy: row.preparedBy,
    postedBy: row.postedBy,
    postedAt: row.postedAt ? row.postedAt.toISOString() : null,
    reversesId: row.reversesId,
    reversedById: row.reversedById,
    linkId: row.linkId,
    origin: parseOrigin(row.origin),
    source:
      row.sourceRef === null
        ? null
        : { ref: row.sourceRef, preparer: row.sourcePreparer ?? '', reviewer: row.sourceReviewer ?? '' },
    matterId: row.matterId,
    matterRule: parseMatterRule(row.matterRule),
    totals: { debit, credit },
    lines: out,
  }
}

/** A voucher read with its lines in one statement (names joined there). */
export function voucherFromJson(row: VoucherRow, lines: readonly LineJson[]): Voucher {
  const parsed = lines.map(lineFromJson)
  const names = new Map(parsed.map((l) => [l.account, l.accountName]))
  return toVoucher(row, parsed, (code) => names.get(code) ?? '')
}
