/**
 * Chinese wording of the codes a board prints. A code without a label prints as it is, so a new
 * category or channel added to a package shows up (untranslated) rather than disappearing.
 */
const CATEGORIES: Record<string, string> = {
  lost_work_allowance: '误工补贴',
  collective_income_use: '集体收益使用',
  public_welfare_project: '公益事业项目',
  land_contracting: '土地承包经营',
  collective_project: '集体经济项目',
  homestead_plan: '宅基地使用方案',
  requisition_compensation: '征地补偿费使用分配',
  asset_disposal: '集体资产处置',
  large_expenditure: '大额开支',
  collective_debt: '集体举债',
  budget: '财务预决算',
  village_rules: '村规民约',
  charter: '章程',
  recall: '罢免',
  other: '其他',
}
const KINDS: Record<string, string> = { resolution: '决议公开', result: '实施结果公开' }
const CHANNELS: Record<string, string> = {
  notice_board: '公开栏',
  broadcast: '广播',
  online: '网络',
  meeting: '会议',
  leaflet: '明白纸',
  touch_screen: '触摸屏',
}
const STATES: Record<string, string> = {
  proposal: '党支部提议',
  consultation: '两委商议',
  party_review: '党员大会审议',
  resolution: '村民(代表)会议决议',
  resolved: '已决议',
  rejected: '未通过',
  closed: '已办结',
}
const OUTCOMES: Record<string, string> = { upheld: '异议成立', dismissed: '异议不成立', escalated: '已上报' }

const label = (table: Record<string, string>) => (code: string | null) =>
  code === null ? '待答复' : (table[code] ?? code)

export const categoryLabel = label(CATEGORIES)
export const kindLabel = label(KINDS)
export const channelLabel = label(CHANNELS)
export const stateLabel = label(STATES)
export const outcomeLabel = label(OUTCOMES)

/** `2024-Q1` → 2024年第1季度; `2024-03` → 2024年3月; anything else as it is. */
export function periodLabel(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period)
  if (quarter) return `${quarter[1]}年第${quarter[2]}季度`
  const month = /^(\d{4})-(\d{2})$/.exec(period)
  if (month) return `${month[1]}年${Number(month[2])}月`
  return period
}

/** `2024-03-10` → 2024年3月10日. */
export function dateLabel(date: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return d ? `${d[1]}年${Number(d[2])}月${Number(d[3])}日` : date
}
