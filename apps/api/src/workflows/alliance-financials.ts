import { addDays, type Fen } from '@liancun/core'
import { onNormalSide } from '@liancun/ledger'
import type { Services } from '../services.js'

/**
 * An alliance's financial view for a month, composed from two domains: the organisation says
 * which villages were members at the month's end; each member's ledgers stay separate columns
 * (三独立), and the total is an aggregation (汇总). With `eliminateLinks`, legs of posted links
 * between two member ledgers are removed from the total so money moving inside the alliance is
 * not counted twice; the village columns always show each ledger as booked.
 */
export async function allianceFinancials(
  services: Services,
  allianceId: string,
  period: string,
  eliminateLinks: boolean,
) {
  const monthEnd = addDays(`${nextMonth(period)}-01`, -1)
  const alliance = await services.organization.getAlliance(allianceId, monthEnd)
  const villages = alliance.members.filter((m) => m.kind === 'village' && m.villageCode !== null)
  const books = await services.ledger.ledgersOfVillages(villages.map((m) => m.villageCode!))
  const { accounts, nets, internal } = await services.ledger.aggregate(
    books.map((b) => b.id),
    period,
  )
  const columns = books.map((book) => ({
    ledgerId: book.id,
    villageCode: book.villageCode,
    villageName: villages.find((v) => v.villageCode === book.villageCode)?.name ?? '',
    collective: book.collective.name,
  }))
  const rows = accounts.map((account) => {
    const values = books.map((book) => nets.get(book.id)?.get(account.code) ?? 0n)
    const gross = values.reduce((sum, v) => sum + v, 0n)
    const eliminated: Fen = eliminateLinks ? (internal.get(account.code) ?? 0n) : 0n
    return {
      code: account.code,
      name: account.name,
      values: values.map((net) => onNormalSide(net, account.normalSide)),
      eliminated: onNormalSide(eliminated, account.normalSide),
      total: onNormalSide(gross - eliminated, account.normalSide),
    }
  })
  return { allianceId, allianceName: alliance.name, period, eliminateLinks, columns, rows }
}

function nextMonth(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number]
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`
}
