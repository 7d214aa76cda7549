import type { TestApp } from './helpers.js'

/** Calls as one key, failing loudly on an unexpected status. */
export const caller = (t: TestApp, key: string) => {
  const send = async (method: string, url: string, body: unknown, status: number) => {
    const response = await t.call(method, url, { key, ...(body === undefined ? {} : { body }) })
    if (response.statusCode !== status)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`)
    return response.json()
  }
  return {
    post: (url: string, body: unknown = {}, status = 201) => send('POST', url, body, status),
    put: (url: string, body: unknown, status = 200) => send('PUT', url, body, status),
    get: (url: string, status = 200) => send('GET', url, undefined, status),
  }
}

/**
 * Registers with two households of two members, a 人口股 of 10 units per member and a 集体股 of
 * 20, quantified on 2020-06-30: the smallest world a payout, an inheritance and a register read.
 */
export async function registersWithShares(t: TestApp, key: string, ledgerId: string) {
  const c = caller(t, key)
  const registers = await c.post('/v1/collectives', { ledgerId })
  const base = `/v1/collectives/${registers.id}`
  const h1 = await c.post(`${base}/households`, { number: '001', headName: '朱明礼' })
  const h2 = await c.post(`${base}/households`, { number: '002', headName: '朱明义' })
  const member = (householdId: string, name: string) =>
    c.post(`${base}/members`, { householdId, name, joinedOn: '2020-06-30', joinReason: 'founding' })
  const members = [
    await member(h1.id, '朱明礼'),
    await member(h1.id, '王秀英'),
    await member(h2.id, '朱明义'),
    await member(h2.id, '朱小义'),
  ]
  const population = await c.post(`${base}/share-kinds`, { name: '人口股', holder: 'member' })
  const collective = await c.post(`${base}/share-kinds`, { name: '集体股', holder: 'collective' })
  const holdings = []
  for (const m of members) {
    holdings.push(
      await c.post(`${base}/holdings`, {
        kindId: population.id,
        holderKind: 'member',
        holderId: m.id,
        units: '10',
        validFrom: '2020-06-30',
      }),
    )
  }
  await c.post(`${base}/holdings`, {
    kindId: collective.id,
    holderKind: 'collective',
    holderId: registers.id,
    units: '20',
    validFrom: '2020-06-30',
  })
  return { id: registers.id as string, base, households: [h1, h2], members, holdings, population }
}
