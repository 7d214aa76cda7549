import { describe, expect, it } from 'vitest'
import {
  contractDisclosed,
  contractMoney,
  EMPTY_PART_NOTE,
  formatMu,
  heldOn,
  muUnits,
  NO_REGISTERS_NOTE,
  type RegisterContract,
  registersSection,
} from './disclosure-registers.js'

/** 三资公开 (农村集体经济组织财务公开规定, 2011): the registers' section of a 财务公开, as of the period end. */

const contract = (over: Partial<RegisterContract> = {}): RegisterContract => ({
  id: 'k1',
  number: 'ZJH-001',
  kind: '流转',
  party: '朱明礼',
  object: '村北地 80 亩',
  signedOn: '2024-01-05',
  startsOn: '2024-01-01',
  endsOn: '2028-12-31',
  amount: 400_000n,
  payments: [
    { dueOn: '2024-03-01', amount: 100_000n, receivedOn: '2024-03-01' },
    { dueOn: '2024-03-31', amount: 100_000n, receivedOn: null },
    { dueOn: '2024-06-30', amount: 200_000n, receivedOn: null },
  ],
  ...over,
})

describe('三资公开 rules', () => {
  it('holds an asset from its acquisition day to the day before its disposal', () => {
    expect(heldOn({ acquiredOn: '2024-03-31', disposedOn: null }, '2024-03-31')).toBe(true)
    expect(heldOn({ acquiredOn: '2024-04-01', disposedOn: null }, '2024-03-31')).toBe(false)
    expect(heldOn({ acquiredOn: '2020-01-01', disposedOn: '2024-03-31' }, '2024-03-31')).toBe(false)
    expect(heldOn({ acquiredOn: '2020-01-01', disposedOn: '2024-04-01' }, '2024-03-31')).toBe(true)
  })

  it('counts received, due and overdue as of the period end (due on it is not yet overdue)', () => {
    expect(contractMoney(contract(), '2024-03-31')).toEqual({
      received: 100_000n,
      due: 200_000n,
      overdue: 0n,
      outstanding: 300_000n,
    })
    expect(contractMoney(contract(), '2024-04-01')).toMatchObject({ due: 200_000n, overdue: 100_000n })
    // A receipt after the period end does not count at it.
    const late = contract({
      payments: [{ dueOn: '2024-03-01', amount: 400_000n, receivedOn: '2024-04-02' }],
    })
    expect(contractMoney(late, '2024-03-31')).toMatchObject({ received: 0n, overdue: 400_000n })
    expect(contractMoney(late, '2024-04-02')).toMatchObject({ received: 400_000n, overdue: 0n })
  })

  it('discloses contracts signed by the end that run into the period or are still overdue', () => {
    expect(contractDisclosed(contract({ signedOn: '2024-04-01' }), '2024-01-01', '2024-03-31')).toBe(false)
    expect(contractDisclosed(contract({ signedOn: '2024-03-31' }), '2024-01-01', '2024-03-31')).toBe(true)
    const ended = contract({ endsOn: '2023-12-31', payments: [] })
    expect(contractDisclosed(ended, '2024-01-01', '2024-03-31')).toBe(false)
    expect(contractDisclosed({ ...ended, endsOn: '2024-01-01' }, '2024-01-01', '2024-03-31')).toBe(true)
    const owing = contract({
      endsOn: '2023-12-31',
      payments: [{ dueOn: '2023-12-01', amount: 1n, receivedOn: null }],
    })
    expect(contractDisclosed(owing, '2024-01-01', '2024-03-31')).toBe(true)
  })

  it('sums areas exactly in ten-thousandths of a 亩', () => {
    expect(muUnits('0.1') + muUnits('0.2')).toBe(muUnits('0.3'))
    expect(formatMu(muUnits('80.5000'))).toBe('80.5')
    expect(formatMu(muUnits('0.0001'))).toBe('0.0001')
    expect(formatMu(muUnits('12'))).toBe('12')
    expect(() => muUnits('1e3')).toThrow()
  })

  it('builds the section: held cards, all resources, disclosed contracts, totals to the fen', () => {
    const section = registersSection(
      {
        assets: [
          {
            id: 'a2',
            name: '冷库',
            assetClass: '经营性',
            category: '固定资产',
            acquiredOn: '2023-06-15',
            disposedOn: null,
            cost: 60_000_000n,
            accumulatedDepreciation: 2_250_001n,
            netBookValue: 57_749_999n,
            owners: [
              { name: '李孟德村', units: 3n },
              { name: '仇家村', units: 1n },
            ],
          },
          {
            id: 'a1',
            name: '旧农机',
            assetClass: '经营性',
            category: '固定资产',
            acquiredOn: '2020-01-01',
            disposedOn: '2024-02-01',
            cost: 1n,
            accumulatedDepreciation: 0n,
            netBookValue: 1n,
            owners: [],
          },
        ],
        resources: [
          { id: 'r1', name: '村北地', kind: '耕地', areaMu: '80.1000', location: '', status: '流转' },
          { id: 'r2', name: '南山', kind: '林地', areaMu: '0.2', location: '南', status: '闲置' },
        ],
        contracts: [contract()],
        statusNote: 'status current',
      },
      '2024-01-01',
      '2024-03-31',
    )
    expect(section.asOf).toBe('2024-03-31')
    expect(section.assets.items).toEqual([
      {
        name: '冷库',
        assetClass: '经营性',
        category: '固定资产',
        acquiredOn: '2023-06-15',
        cost: '600000.00',
        accumulatedDepreciation: '22500.01',
        netBookValue: '577499.99',
        owners: [
          { name: '李孟德村', units: '3', of: '4' },
          { name: '仇家村', units: '1', of: '4' },
        ],
      },
    ])
    expect(section.assets.totals).toEqual({
      cost: '600000.00',
      accumulatedDepreciation: '22500.01',
      netBookValue: '577499.99',
    })
    expect(section.assets.note).toBeNull()
    expect(section.resources.items.map((r) => [r.name, r.areaMu])).toEqual([
      ['南山', '0.2'],
      ['村北地', '80.1'],
    ])
    expect(section.resources.totalAreaMu).toBe('80.3')
    expect(section.resources.note).toBe('status current')
    expect(section.contracts.items).toEqual([
      {
        number: 'ZJH-001',
        kind: '流转',
        party: '朱明礼',
        object: '村北地 80 亩',
        signedOn: '2024-01-05',
        term: { from: '2024-01-01', to: '2028-12-31' },
        amount: '4000.00',
        received: '1000.00',
        due: '2000.00',
        overdue: '0.00',
        outstanding: '3000.00',
      },
    ])
    expect(section.contracts.totals).toMatchObject({ amount: '4000.00', due: '2000.00' })
  })

  it('shows a village without registers as empty parts with a note, and an empty part as 本期无', () => {
    const none = registersSection(null, '2024-01-01', '2024-03-31')
    expect(none.assets).toMatchObject({ items: [], note: NO_REGISTERS_NOTE })
    expect(none.resources).toMatchObject({ items: [], totalAreaMu: '0', note: NO_REGISTERS_NOTE })
    expect(none.contracts).toMatchObject({ items: [], note: NO_REGISTERS_NOTE })
    expect(none.contracts.totals.amount).toBe('0.00')
    const empty = registersSection({ assets: [], resources: [], contracts: [] }, '2024-01-01', '2024-03-31')
    expect(empty.assets.note).toBe(EMPTY_PART_NOTE)
    expect(empty.contracts.note).toBe(EMPTY_PART_NOTE)
  })
})
