/**
 * Set-up for the county-scope trial balance of the request-path benchmark: a second county with
 * `ledgers` village ledgers (100 villages per township), each holding `perLedger` four-line
 * vouchers written posted through the import route — so the maintained balances the county
 * report reads are the service's own.
 */
import { closedLoop } from './measure.js'
import { type Bench, collectiveUscc, importedBody } from './request-path-setup.js'

export async function seedCounty(b: Bench, county: string, ledgers: number, perLedger: number) {
  const { api } = b
  await api.call('PUT', `/v1/divisions/${county}`, { body: { name: '沂源县', kind: 'county' } })
  const township = (t: number) => `${county}${String(101 + t).padStart(3, '0')}`
  for (let t = 0; t < Math.ceil(ledgers / 100); t++) {
    await api.call('PUT', `/v1/divisions/${township(t)}`, { body: { name: `镇${t}`, kind: 'township' } })
  }
  const village = (i: number) => `${township(Math.floor(i / 100))}${String(201 + (i % 100)).padStart(3, '0')}`
  const mint = async (role: string) =>
    (
      await api.call('POST', '/v1/api-keys', {
        body: { name: `bench ${role} ${county}`, role, scope: county },
        expect: 201,
      })
    ).secret as string
  const bookkeeper = await mint('bookkeeper')
  const reviewer = await mint('reviewer')
  const ids: string[] = []
  await closedLoop(ledgers, 4, async (i) => {
    await api.call('PUT', `/v1/divisions/${village(i)}`, { body: { name: `县村${i}`, kind: 'village' } })
    const ledger = await api.call('POST', '/v1/ledgers', {
      key: bookkeeper,
      expect: 201,
      body: {
        villageCode: village(i),
        collective: {
          name: `县村${i} 股份经济合作社`,
          uscc: collectiveUscc(String(i + 1).padStart(8, '0'), county),
        },
        firstPeriod: '2024-01',
        chart: 'rcea-2023',
      },
    })
    ids.push(ledger.id)
    const vouchers = Array.from({ length: perLedger }, (_, k) => importedBody(i * perLedger + k, `c${i}`))
    await api.call('POST', `/v1/ledgers/${ledger.id}/vouchers:import`, {
      key: reviewer,
      expect: 201,
      body: { vouchers },
    })
  })
  return { ledgers: ids, bookkeeper, reviewer }
}
