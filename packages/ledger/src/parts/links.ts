import { acrossCounties, countyWithin, type Database, newId } from '@liancun/core'
import type { SQL } from 'drizzle-orm'
import { guardLedger, type LedgerContext } from '../context.js'
import type { CreateLedgerLinkInput } from '../inputs.js'
import { dateAheadError, refuse } from '../rules/drafts.js'
import { voucherLabel } from '../rules/vouchers.js'
import { lockLedgers } from '../store/ledgers.js'
import { insertLink, linkById, linkPartnerOf, linksWithin, linksWithSides } from '../store/links.js'
import { ledgerWithVoucher } from '../store/vouchers.js'
import type { GuardOptions } from '../types.js'
import { writeDrafts } from './draft-writer.js'
import { ledgerNotFound, voucherNotFound } from './load.js'

/** Links with the state of both sides; matched when both stand the same way. */
async function linksOut(q: Database, where: SQL | undefined) {
  const { links, sides } = await linksWithSides(q, where)
  const byId = new Map(sides.map((side) => [side.id, side]))
  const state = (id: string) => {
    const side = byId.get(id)
    return {
      voucherId: id,
      status: (side?.status ?? 'missing') as 'draft' | 'posted' | 'missing',
      label: side?.number ? voucherLabel(side.period, side.number) : null,
      reversed: Boolean(side?.reversedById),
    }
  }
  return links.map((link) => {
    const from = { ledgerId: link.fromLedgerId, ...state(link.fromVoucherId) }
    const to = { ledgerId: link.toLedgerId, ...state(link.toVoucherId) }
    return {
      id: link.id,
      date: link.date,
      summary: link.summary,
      amount: link.amount,
      purpose: link.purpose,
      from,
      to,
      matched: from.status === to.status && from.reversed === to.reversed && from.status !== 'missing',
    }
  })
}

/** 飞地抱团: money between two collectives as one draft in each ledger, linked both ways. */
export function linkPart(ctx: LedgerContext) {
  return {
    /**
     * One draft in each ledger for the same amount, both carrying the link id and the other
     * collective as counterparty. Posting either posts both. The guard runs on both ledgers.
     */
    async createLink(input: CreateLedgerLinkInput, preparedBy: string, options?: GuardOptions) {
      return ctx.transaction(async (tx) => {
        // Both ledgers FOR UPDATE in id order, the order posting a linked pair takes them in.
        const locked = await lockLedgers(tx, [input.from.ledgerId, input.to.ledgerId])
        const byId = new Map(locked.map((l) => [l.id, l]))
        for (const id of [input.from.ledgerId, input.to.ledgerId]) {
          const ledger = byId.get(id)
          if (!ledger) throw ledgerNotFound(id)
          await guardLedger(options, ledger)
        }
        const from = byId.get(input.from.ledgerId)!
        const to = byId.get(input.to.ledgerId)!
        refuse(dateAheadError(input.date, ctx.clock.today(), 'draft'))
        const id = newId(from.countyCode)
        const side = (
          ledger: typeof from,
          accounts: typeof input.from,
          other: typeof from,
          field: string,
        ) => ({
          ledger,
          id: newId(ledger.countyCode),
          date: input.date,
          summary: input.summary,
          attachments: 0,
          preparedBy,
          linkId: id,
          field,
          lines: [
            {
              account: accounts.debit,
              debit: input.amount,
              counterparty: other.collectiveName,
              reference: `link:${id}`,
            },
            {
              account: accounts.credit,
              credit: input.amount,
              counterparty: other.collectiveName,
              reference: `link:${id}`,
            },
          ],
        })
        const fromSide = side(from, input.from, to, 'from')
        const toSide = side(to, input.to, from, 'to')
        await writeDrafts(tx, [fromSide, toSide], ctx.clock.now())
        await insertLink(tx, {
          countyCode: from.countyCode,
          id,
          date: input.date,
          summary: input.summary,
          amount: input.amount,
          purpose: input.purpose,
          fromCountyCode: from.countyCode,
          fromLedgerId: from.id,
          fromVoucherId: fromSide.id,
          toCountyCode: to.countyCode,
          toLedgerId: to.id,
          toVoucherId: toSide.id,
          createdBy: preparedBy,
          createdAt: ctx.clock.now(),
        })
        return (await linksOut(tx, linkById(id)))[0]!
      })
    },

    /** Links touching ledgers of villages inside `within`; `unmatched` keeps those whose sides disagree. */
    async listLinks(query: { within?: string; unmatched?: boolean }) {
      const where = query.within ? linksWithin(query.within) : undefined
      const links =
        query.within && countyWithin(query.within)
          ? await linksOut(ctx.db, where)
          : await acrossCounties(ctx.db, 'list.beyond-county', (db) => linksOut(db, where))
      return query.unmatched ? links.filter((link) => !link.matched) : links
    },

    /** The other side of a linked voucher, for callers that must authorise both ledgers. */
    async linkedSide(
      ledgerId: string,
      voucherId: string,
      options?: GuardOptions,
    ): Promise<{ ledgerId: string; voucherId: string } | null> {
      const found = await ledgerWithVoucher(ctx.db, ledgerId, voucherId)
      if (!found) throw ledgerNotFound(ledgerId)
      await guardLedger(options, found.ledger)
      if (!found.voucher) throw voucherNotFound(voucherId)
      const partner = await linkPartnerOf(ctx.db, found.voucher)
      return partner && { ledgerId: partner.ledgerId, voucherId: partner.voucherId }
    },
  }
}
