import type { TestApp } from './helpers.js'

/** Calls that must succeed with the given status, as the given key. */
export const as = (t: TestApp, key?: string) => ({
  async send(method: string, url: string, body?: unknown, status = 201) {
    const response = await t.call(method, url, {
      ...(key ? { key } : {}),
      ...(body === undefined ? {} : { body }),
    })
    if (response.statusCode !== status)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`)
    return response.json()
  },
  post(url: string, body?: unknown, status = 201) {
    return this.send('POST', url, body ?? {}, status)
  },
  get(url: string) {
    return this.send('GET', url, undefined, 200)
  },
})

export const TOWNSHIP = '370322104'
export const LIMENGDE = '370322104203'
export const QIUJIA = '370322104201'

export const sourceBody = (over: object = {}) => ({
  name: '2024年扶持壮大村级集体经济资金',
  kind: 'collective_economy_support',
  level: 'provincial',
  documentNo: '鲁财农指〔2024〕8号',
  fiscalYear: 2024,
  amount: '1000000.00',
  receivedOn: '2024-02-20',
  holder: { kind: 'township', code: TOWNSHIP },
  allowedCategories: ['industry'],
  excludedUses: ['偿还村级债务'],
  directFund: false,
  ...over,
})

export const projectBody = (over: object = {}) => ({
  name: '黑牛养殖项目',
  category: 'industry',
  townshipCode: TOWNSHIP,
  implementer: { villageCode: LIMENGDE },
  budget: '40000.00',
  location: '唐坊镇李孟德村北',
  startOn: '2024-03-01',
  endOn: '2024-09-30',
  beneficiaries: [
    { villageCode: LIMENGDE, units: 190 },
    { villageCode: QIUJIA, units: 260 },
  ],
  targets: [
    { level1: 'output', indicator: '新建牛舍', unit: '栋', target: '2' },
    { level1: 'benefit', indicator: '村集体年增收', unit: '万元', target: '3' },
  ],
  benefitMechanism: '李孟德村以土地、仇家村以资金入股，保底分红加按股分红',
  proposedBy: 'alliance',
  ...over,
})

/**
 * Takes a fresh project through submit, review and an approval notice (2024-01-16, running its
 * default 10 days to 2024-01-25); returns its id, ready for county approval from 2024-01-26.
 */
export async function reviewedProject(
  t: TestApp,
  keys: { village: string; township: string },
  over: object = {},
) {
  const project = await as(t, keys.village).post('/v1/projects', projectBody(over))
  const step = (key: string, body: object) =>
    as(t, key).post(`/v1/projects/${project.id}/transitions`, body, 200)
  await step(keys.village, { to: 'submitted', note: '村两委申报', on: '2024-01-10' })
  await step(keys.township, { to: 'reviewed', note: '镇审核通过', on: '2024-01-15' })
  await as(t, keys.township).post(`/v1/projects/${project.id}/notices`, {
    stage: 'approval',
    from: '2024-01-16',
    channels: ['村务公开栏'],
  })
  return project.id as string
}

/**
 * Takes a fresh project through submit, review, an approval notice that has run its days and
 * county approval; returns its id.
 */
export async function approvedProject(
  t: TestApp,
  keys: { village: string; township: string; county: string },
  over: object = {},
  approval: object = {},
) {
  const id = await reviewedProject(t, keys, over)
  await as(t, keys.county).post(
    `/v1/projects/${id}/transitions`,
    { to: 'approved', note: '县审定', on: '2024-01-26', ...approval },
    200,
  )
  return id
}
