import type { Page } from '@liancun/core'

/**
 * Chinese labels of the 三资 registers' codes, for the exports and the 三资公开 of a 财务公开:
 * what a villager reads on a board and a provincial platform's import expects in a cell. An
 * unknown code prints as itself (a newer register value never breaks an export).
 */

const label = (table: Record<string, string>) => (code: string | null | undefined) =>
  code === null || code === undefined ? '' : (table[code] ?? code)

export const assetClassLabel = label({ operating: '经营性', public_welfare: '公益性', household: '到户类' })
export const assetCategoryLabel = label({ fixed: '固定资产', investment: '长期投资' })
export const depreciationLabel = label({ straight_line: '年限平均法（按月）', none: '不提折旧' })
export const disposalLabel = label({
  sale: '出售',
  scrap: '报废',
  transfer: '无偿调出',
  donation: '捐赠',
  loss: '盘亏毁损',
})
export const ownerKindLabel = label({
  collective: '本集体',
  village: '村',
  household: '农户',
  enterprise: '企业',
})
export const resourceKindLabel = label({
  farmland: '耕地',
  forest: '林地',
  water: '水面',
  building: '房屋建筑物',
  construction_land: '集体建设用地',
  wasteland: '四荒地',
  other: '其他',
})
export const resourceStatusLabel = label({
  self_operated: '自营',
  contracted: '发包',
  leased: '出租',
  idle: '闲置',
})
export const contractKindLabel = label({ contracting: '发包', lease: '租赁', transfer: '流转' })
export const directionLabel = label({ outbound: '本集体发包/出租', inbound: '本集体承租/流入' })
export const partyKindLabel = label({
  household: '农户',
  enterprise: '企业',
  collective: '集体经济组织',
  person: '个人',
})
export const joinReasonLabel = label({
  founding: '初始确认',
  birth: '出生',
  marriage: '婚入',
  adoption: '收养',
  hukou_move: '户口迁入',
  other: '其他',
})
export const leaveReasonLabel = label({
  death: '死亡',
  marriage: '婚出',
  hukou_move: '户口迁出',
  renounced: '自愿放弃',
  other: '其他',
})
export const holderKindLabel = label({ member: '成员', household: '户', collective: '集体' })
export const changeReasonLabel = label({
  initial: '初始量化',
  inheritance: '继承',
  transfer: '内部转让',
  adjustment: '调整',
})

/**
 * Every item of a cursor-paginated register list, a large page at a time: one statement per
 * 5,000 rows, never one per row (a county platform exports whole registers).
 */
export async function everything<T>(
  list: (page: { limit: number; after: string | null }) => Promise<Page<T>>,
  key: (item: T) => string,
): Promise<T[]> {
  const limit = 5_000
  const out: T[] = []
  let after: string | null = null
  for (;;) {
    const page = await list({ limit, after })
    out.push(...page.items)
    if (!page.nextCursor || page.items.length === 0) return out
    after = key(page.items[page.items.length - 1]!)
  }
}
