import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
})
afterAll(() => t.close())

const twoThirds = {
  denominator: 'should_attend',
  threshold: { comparator: 'gte', num: 2, den: 3 },
  basis: { law: '高青县村级重大事项决策规程', version: '2023', article: '8' },
}

describe('governance rules', () => {
  it('serves national defaults with their legal basis', async () => {
    const body = (await t.call('GET', '/v1/governance/rules/370322104201?asOf=2024-01-01')).json()
    expect(body.rules.partyAssemblyPass).toMatchObject({
      denominator: 'should_attend',
      threshold: { comparator: 'gt', num: 1, den: 2 },
      basis: { article: '11' },
    })
    expect(body.rules).toMatchObject({
      disclosureDays: 7,
      objectionResponseDays: 3,
      majorMatterAmount: '50000.00',
    })
    expect(body.overrides).toEqual([])
  })

  it('applies a county override from its date, stricter values only', async () => {
    const put = await t.call('PUT', '/v1/governance/rules/370322', {
      body: {
        effectiveFrom: '2024-03-01',
        partyAssemblyQuorum: twoThirds,
        disclosureDays: 5,
        majorMatterAmount: '30000.00',
      },
    })
    expect(put.statusCode, put.body).toBe(200)
    const before = (await t.call('GET', '/v1/governance/rules/370322104201?asOf=2024-02-29')).json()
    expect(before.rules.partyAssemblyQuorum.threshold).toEqual({ comparator: 'gt', num: 1, den: 2 })
    const after = (await t.call('GET', '/v1/governance/rules/370322104201?asOf=2024-03-01')).json()
    expect(after.rules.partyAssemblyQuorum).toMatchObject({
      threshold: { comparator: 'gte', num: 2, den: 3 },
      basis: { version: '2023' },
    })
    expect(after.rules.disclosureDays).toBe(7) // 5 days would loosen the national 7
    expect(after.rules.majorMatterAmount).toBe('30000.00')
    expect(after.overrides).toEqual([{ divisionCode: '370322', effectiveFrom: '2024-03-01' }])
    const otherCounty = (await t.call('GET', '/v1/governance/rules/370323107201?asOf=2024-03-01')).json()
    expect(otherCounty.rules.majorMatterAmount).toBe('50000.00')
  })

  it('refuses malformed rules and village-level overrides with field paths', async () => {
    const bad = problem(
      await t.call('PUT', '/v1/governance/rules/370322', {
        body: {
          effectiveFrom: '2024-03-01',
          partyAssemblyQuorum: { ...twoThirds, threshold: { comparator: 'gte', num: 3, den: 2 } },
        },
      }),
      400,
    )
    expect(bad.errors?.[0]?.field).toBe('body.partyAssemblyQuorum.threshold.num')
    problem(
      await t.call('PUT', '/v1/governance/rules/370322104201', { body: { effectiveFrom: '2024-03-01' } }),
      400,
    )
    problem(
      await t.call('PUT', '/v1/governance/rules/370322', {
        body: { effectiveFrom: '2024-03-01', majorMatterAmount: 30000 },
      }),
      400,
    )
  })

  it('lets only admins set rules, inside their scope', async () => {
    const clerk = await t.mintKey('clerk', '370322')
    problem(
      await t.call('PUT', '/v1/governance/rules/370322', {
        key: clerk,
        body: { effectiveFrom: '2024-03-01' },
      }),
      403,
    )
    const townshipAdmin = await t.mintKey('admin', '370322104')
    problem(
      await t.call('PUT', '/v1/governance/rules/370322', {
        key: townshipAdmin,
        body: { effectiveFrom: '2024-03-01' },
      }),
      403,
    )
    expect(
      (
        await t.call('PUT', '/v1/governance/rules/370322104', {
          key: townshipAdmin,
          body: { effectiveFrom: '2024-04-01', disclosureDays: 10 },
        })
      ).statusCode,
    ).toBe(200)
    problem(await t.call('GET', '/v1/governance/rules/370322104201', { key: null }), 401)
    problem(await t.call('GET', '/v1/governance/rules/370323', { key: clerk }), 403)
  })
})
