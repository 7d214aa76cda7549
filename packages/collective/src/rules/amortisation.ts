import { type DueInstalment, deferredParts, type YearPart } from './rent-spread.js'

/**
 * 长期待摊费用 → 经营支出. An inbound contract (the collective takes land in, 统一流转入) paid
 * for several years at once: its due voucher (draft-contract-instalment) charges the years up to
 * its own year to 511 经营支出 and debits the later years to 171 长期待摊费用 (2023 chart). Each
 * later year then takes its share: Dr 511 / Cr 171 — expense in the years that benefit
 * (收入和支出的核算原则上采用权责发生制, 2004 制度 总则 (六)), split exactly as the rent is
 * (rent-spread.ts `deferredParts`: largest remainder over whole months, else days).
 *
 * The registers know no other prepaid long-term expense: 171 of other origins (a repair of a
 * leased building, …) is the bookkeeper's own voucher, not a register's.
 */
export const AMORTISATION_ACCOUNTS = { debit: '511', credit: '171' } as const
export const AMORTISATION_BASIS =
  '长期待摊费用按受益年度摊销: 权责发生制 (村集体经济组织会计制度 2004 总则(六)); 171/511 of the 2023 chart'

/** The shares of an inbound contract's instalments falling to `year`, still in 171. */
export const amortisationParts = (instalments: readonly DueInstalment[], year: number): YearPart[] =>
  deferredParts(instalments, year)
