import { describe, expect, it } from 'vitest'
import { affairsRecord } from './affairs-board.js'
import { instantLabel, placeLabel, sha256Hex } from './common.js'
import { categoryLabel, dateLabel, kindLabel, outcomeLabel, periodLabel } from './labels.js'

describe('board wording', () => {
  it('names months and quarters in Chinese, and leaves anything else as it is', () => {
    expect(periodLabel('2024-Q1')).toBe('2024年第1季度')
    expect(periodLabel('2024-Q4')).toBe('2024年第4季度')
    expect(periodLabel('2024-03')).toBe('2024年3月')
    expect(periodLabel('2024-12')).toBe('2024年12月')
    expect(periodLabel('2024-Q5')).toBe('2024-Q5')
    expect(periodLabel('2024')).toBe('2024')
    expect(dateLabel('2024-03-09')).toBe('2024年3月9日')
    expect(dateLabel('soon')).toBe('soon')
  })

  it('translates known codes, prints an unknown code as it is, and an unanswered objection as pending', () => {
    expect(categoryLabel('land_contracting')).toBe('土地承包经营')
    expect(categoryLabel('new_category')).toBe('new_category')
    expect(kindLabel('result')).toBe('实施结果公开')
    expect(outcomeLabel('dismissed')).toBe('异议不成立')
    expect(outcomeLabel(null)).toBe('待答复')
  })

  it('gives an instant in Beijing time and a place by its names, or by its code alone', () => {
    expect(instantLabel('2024-04-05T17:30:00Z')).toBe('2024-04-06 01:30（北京时间）')
    expect(instantLabel('not a time')).toBe('not a time')
    expect(placeLabel({ villageCode: '370322104203', villageName: '李孟德村', townshipName: '唐坊镇' })).toBe(
      '唐坊镇 李孟德村（370322104203）',
    )
    expect(placeLabel({ villageCode: '370322104203', villageName: null, townshipName: null })).toBe(
      '370322104203',
    )
  })
})

describe('晒村务 record hash (same construction as 晒财务: sha256 of the JSON text)', () => {
  const item = {
    id: 'd1',
    matterId: 'm1',
    title: '土地集中流转方案',
    category: 'land_contracting',
    state: 'resolved',
    kind: 'resolution',
    channels: ['notice_board'],
    from: '2024-03-10',
    until: '2024-03-16',
    objections: [],
  }

  it('hashes the published part, byte for byte, with a known answer', () => {
    const record = affairsRecord('370322104203', item)
    expect(record.sha256).toBe(sha256Hex(record.content))
    expect(JSON.parse(record.content)).toEqual(record.document)
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('keeps its hash while the matter moves on and objections are answered; changes it with what was disclosed', () => {
    const first = affairsRecord('370322104203', item).sha256
    const later = affairsRecord('370322104203', {
      ...item,
      state: 'closed',
      objections: [{ submittedOn: '2024-03-12', outcome: 'dismissed', respondedOn: '2024-03-14' }],
    })
    expect(later.sha256).toBe(first)
    expect(affairsRecord('370322104203', { ...item, until: '2024-03-17' }).sha256).not.toBe(first)
    expect(affairsRecord('370322104201', item).sha256).not.toBe(first)
  })
})
