import type { Fen } from '@liancun/core'
import type { Table } from './document.js'

/**
 * What a county book with `eliminateLinks=true` took out: per first-level account, the legs of
 * 飞地抱团 links between two ledgers of the division — printed under the statement, so the
 * reader sees the sum of the single ledgers and what was eliminated from it.
 */

export interface Eliminated {
  code: string
  openingNet: Fen
  debit: Fen
  credit: Fen
}

export function eliminatedTable(eliminateLinks: boolean, eliminated: Eliminated[]): Table[] {
  if (!eliminateLinks) return []
  return [
    {
      caption: '已抵销的飞地抱团往来（本级账套之间）',
      columns: [
        { heading: '科目代码', kind: 'text', width: 12 },
        { heading: '期初净额（借－贷）', kind: 'money', width: 18 },
        { heading: '借方', kind: 'money', width: 16 },
        { heading: '贷方', kind: 'money', width: 16 },
      ],
      rows: eliminated.map((e) => ({ cells: [e.code, e.openingNet, e.debit, e.credit] })),
    },
  ]
}
