import { describe, expect, it } from 'vitest'
import { checkSchedule, RESOURCE_STATUS_OF, SPREAD_BASIS, spreadByYear } from './contracts.js'
import { refused } from './refused.test-helper.js'

// Boundaries of the 承包/租赁 contract rules: a term and an instalment's cover may be one day
// (start = end), the refusal names the field and the figures, and the 分摊到各收益年度 basis is
// "month" only when the period both starts on a 1st and ends on a month's last day.

const term = { startsOn: '2024-01-01', endsOn: '2028-12-31', amount: 1000n }
const instalment = (
  over: Partial<{ dueOn: string; amount: bigint; coversFrom: string; coversTo: string }>,
) => ({
  dueOn: '2024-01-10',
  amount: 1000n,
  coversFrom: '2024-01-01',
  coversTo: '2028-12-31',
  ...over,
})

describe('the resource status a contract gives (承包/流转 → contracted, 租赁 → leased)', () => {
  it('maps each contract kind', () => {
    expect(RESOURCE_STATUS_OF).toEqual({ contracting: 'contracted', transfer: 'contracted', lease: 'leased' })
  })
})

describe('payment schedule boundaries', () => {
  it('a one-day term (endsOn = startsOn) is a term; the day before is refused, naming endsOn', () => {
    const oneDay = { startsOn: '2024-05-01', endsOn: '2024-05-01', amount: 50n }
    expect(() =>
      checkSchedule(oneDay, [instalment({ amount: 50n, coversFrom: '2024-05-01', coversTo: '2024-05-01' })]),
    ).not.toThrow()
    const error = refused(
      () => checkSchedule({ ...oneDay, endsOn: '2024-04-30' }, []),
      'collective.ends_before_start',
    )
    expect(error.field).toBe('endsOn')
  })

  it('an instalment may cover one day (coversFrom = coversTo) at either end of the term', () => {
    expect(() =>
      checkSchedule(term, [
        instalment({ amount: 400n, coversFrom: '2024-01-01', coversTo: '2024-01-01' }),
        instalment({ amount: 600n, coversFrom: '2028-12-31', coversTo: '2028-12-31' }),
      ]),
    ).not.toThrow()
  })

  it('names the instalment outside the term by its index, with the term', () => {
    const error = refused(
      () =>
        checkSchedule(term, [
          instalment({ amount: 500n, coversTo: '2025-12-31' }),
          instalment({ amount: 500n, coversFrom: '2026-01-01', coversTo: '2029-01-01' }),
        ]),
      'collective.cover_outside_term',
    )
    expect(error.field).toBe('schedule.1.coversFrom')
    expect(error.context).toEqual({ term: ['2024-01-01', '2028-12-31'] })
  })

  it('a schedule one fen short names schedule with both sums as money strings', () => {
    const error = refused(
      () => checkSchedule({ ...term, amount: 123_456n }, [instalment({ amount: 123_455n })]),
      'collective.schedule_not_whole',
    )
    expect(error.field).toBe('schedule')
    expect(error.context).toEqual({ scheduled: '1234.55', amount: '1234.56' })
  })

  it('an empty schedule of a zero contract is whole; of a non-zero one it is not', () => {
    expect(() => checkSchedule({ ...term, amount: 0n }, [])).not.toThrow()
    expect(refused(() => checkSchedule(term, []), 'collective.schedule_not_whole').context).toEqual({
      scheduled: '0.00',
      amount: '10.00',
    })
  })
})

describe('分摊到各收益年度: by months only for whole months', () => {
  it('starts on a 1st and ends on a month’s last day: months', () => {
    expect(spreadByYear(1200n, '2024-03-01', '2025-02-28').basis).toBe('month')
  })

  it('starts on a 1st but ends before a month’s last day: days', () => {
    const { basis, years } = spreadByYear(366n, '2024-01-01', '2025-01-30')
    expect(basis).toBe('day')
    expect(years.map((y) => y.units)).toEqual([366, 30])
  })

  it('ends on a month’s last day but starts after a 1st: days', () => {
    const { basis, years } = spreadByYear(1000n, '2024-12-02', '2025-12-31')
    expect(basis).toBe('day')
    expect(years.map((y) => y.units)).toEqual([30, 365])
  })

  it('names its basis: 财农〔2021〕121号', () => {
    expect(SPREAD_BASIS).toContain('财农〔2021〕121号')
    expect(SPREAD_BASIS).toContain('分摊到各收益年度')
  })
})
