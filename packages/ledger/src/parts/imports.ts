import { newId } from '@liancun/core'
import type { LedgerContext } from '../context.js'
import { LedgerError, withFieldPrefix } from '../errors.js'
import type { ImportedVoucherInput } from '../inputs.js'
import { shapeError } from '../rules/drafts.js'
import { type PostingItem, planPostings, takesCashOut } from '../rules/posting.js'
import { periodOf } from '../rules/vouchers.js'
import { postingFacts, writePosting } from '../store/posting.js'
import type { VoucherRow } from '../store/vouchers.js'
import type { GuardOptions, Voucher } from '../types.js'
import { type StoredLine, toVoucher } from '../views.js'
import { lineRecord, voucherRecord } from './draft-writer.js'
import { loadLedger } from './load.js'
import { factsOf, postingLedger } from './posting.js'

/** The first source reference listed twice, or already booked in the ledger. */
function duplicateRefError(
  inputs: readonly ImportedVoucherInput[],
  booked: ReadonlySet<string>,
): LedgerError | null {
  const seen = new Set<string>()
  for (const [index, input] of inputs.entries()) {
    const ref = input.source.ref
    if (seen.has(ref) || booked.has(ref)) {
      return new LedgerError(
        'ledger.duplicate_source_ref',
        booked.has(ref)
          ? `source voucher ${ref} is already in the ledger`
          : `source voucher ${ref} is listed twice`,
        { field: `vouchers.${index}.source.ref`, context: { ref } },
      )
    }
    seen.add(ref)
  }
  return null
}

/**
 * 历史凭证导入: vouchers already reviewed in another system (a county's legacy software) are
 * written posted, in one transaction, all or none — by the posting rules every voucher meets
 * (rules/posting.ts), with the source's 记账 and 审核 standing for preparer and reviewer, so the
 * two must differ there too. Ordered by date (input order within a day), numbered gaplessly after
 * the ledger's own numbers, chained, and added to the balances; five statements for any size.
 */
export function importPart(ctx: LedgerContext) {
  return {
    async importVouchers(
      ledgerId: string,
      inputs: ImportedVoucherInput[],
      importedBy: string,
      options?: GuardOptions,
    ): Promise<Voucher[]> {
      return ctx.transaction(async (tx) => {
        const ledger = await loadLedger(tx, ledgerId, 'update', options)
        for (const [index, input] of inputs.entries()) {
          const shape = shapeError(input.lines)
          if (shape) throw withFieldPrefix(shape, `vouchers.${index}`)
        }
        const now = ctx.clock.now()
        const order = inputs
          .map((input, index) => ({ input, index }))
          .sort((a, b) =>
            a.input.date < b.input.date ? -1 : a.input.date > b.input.date ? 1 : a.index - b.index,
          )
        const rows: VoucherRow[] = []
        const linesOf = new Map<string, StoredLine[]>()
        for (const { input } of order) {
          const id = newId(ledger.countyCode)
          rows.push({
            countyCode: ledger.countyCode,
            id,
            ledgerId: ledger.id,
            status: 'draft',
            kind: 'regular',
            date: input.date,
            period: periodOf(input.date),
            number: null,
            summary: input.summary,
            attachments: input.attachments,
            preparedBy: `import:${importedBy}`,
            postedBy: null,
            postedAt: null,
            reversesId: null,
            reversedById: null,
            linkId: null,
            chainSeq: null,
            hash: null,
            origin: null,
            sourceRef: input.source.ref,
            sourcePreparer: input.source.preparer,
            sourceReviewer: input.source.reviewer,
            matterId: null,
            matterRule: null,
            createdAt: now,
          })
          linesOf.set(
            id,
            input.lines.map((line, i) => ({
              lineNo: i + 1,
              account: line.account,
              summary: line.summary ?? null,
              debit: line.debit ?? 0n,
              credit: line.credit ?? 0n,
              counterparty: line.counterparty ?? null,
              reference: line.reference ?? null,
            })),
          )
        }
        const key = { countyCode: ledger.countyCode, ledgerId: ledger.id }
        const read = await postingFacts(tx, {
          vouchers: [],
          codes: [...new Set(inputs.flatMap((i) => i.lines.map((l) => l.account)))].map((code) => ({
            ...key,
            code,
          })),
          periods: [...new Set(rows.map((r) => r.period))].map((period) => ({ ...key, period })),
          sourceRefs: { ...key, refs: inputs.map((i) => i.source.ref) },
          ...(rows.some((row) => takesCashOut(linesOf.get(row.id)!))
            ? { cashFrom: rows.reduce((min, row) => (row.date < min ? row.date : min), rows[0]!.date) }
            : {}),
        })
        const duplicate = duplicateRefError(inputs, new Set(read.sourceRefs))
        if (duplicate) throw duplicate
        // The source's 记账 prepared it and its 审核 posted it: the rule 记账 ≠ 审核 holds for them.
        const items: PostingItem[] = rows.map((row, i) => ({
          id: row.id,
          voucher: { ...row, preparedBy: order[i]!.input.source.preparer },
          lines: linesOf.get(row.id)!.map((l) => ({ ...l, voucherId: row.id })),
          reviewer: order[i]!.input.source.reviewer,
          field: `vouchers.${order[i]!.index}`,
        }))
        const plan = planPostings({
          items,
          ledgers: new Map([[ledger.id, postingLedger(ledger)]]),
          facts: factsOf(read),
          today: ctx.clock.today(),
          refuseLinked: true,
        })
        const posted = rows.map((row, i): VoucherRow => {
          const p = plan.vouchers[i]!
          return {
            ...row,
            status: 'posted',
            number: p.number,
            hash: p.hash,
            chainSeq: p.chainSeq,
            postedBy: importedBy,
            postedAt: now,
          }
        })
        const c = ledger.countyCode
        await writePosting(tx, {
          posted: [],
          inserted: {
            headers: posted.map(voucherRecord),
            lines: posted.flatMap((row) =>
              linesOf.get(row.id)!.map((line) => lineRecord(ledger, row.id, line)),
            ),
          },
          heads: plan.heads.map((h) => ({ ...h, countyCode: c })),
          counters: plan.counters.map((n) => ({ ...n, countyCode: c })),
          balances: plan.balances.map((b) => ({ ...b, countyCode: c })),
          postedAt: now,
        })
        const names = new Map(read.accounts.map((a) => [a.code, a.name]))
        return posted.map((row) => toVoucher(row, linesOf.get(row.id)!, (code) => names.get(code) ?? ''))
      })
    },
  }
}
