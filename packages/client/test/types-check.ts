/**
 * Compile-time guarantees of the generated types, checked by the package's typecheck (tsc over
 * test/); never run. Each `@ts-expect-error` fails the typecheck if the line it guards compiles.
 */
import { type BodyOf, createClient, type ItemOf, type ResponseOf, type Schema } from '../src/index.js'

const api = createClient({ baseUrl: 'http://127.0.0.1:3000' })

export async function typed() {
  const body: BodyOf<'post', '/v1/alliances'> = {
    name: '唐坊镇联村党支部',
    townshipCode: '370322104',
    mode: 'mutual_aid',
    level: 'branch',
    establishedOn: '2024-03-01',
  }
  const created: Schema<'Alliance'> = await api.post('/v1/alliances', { body })
  // @ts-expect-error the API refuses unknown fields, and so do the types
  await api.post('/v1/alliances', { body: { ...body, bogus: 1 } })
  // @ts-expect-error a path parameter is required
  await api.get('/v1/alliances/{id}')
  // @ts-expect-error not a path of the API
  await api.get('/v1/nowhere')
  // @ts-expect-error only lists (`{ items, nextCursor }`) can be paginated
  api.paginate('/v1/alliances/{id}', { params: { path: { id: created.id } } })
  const item: ItemOf<'/v1/alliances'> | undefined = (await api.get('/v1/alliances')).items[0]
  // Money is a string on the wire, never a number.
  const tb: ResponseOf<'get', '/v1/ledgers/{id}/trial-balance'> = await api.get(
    '/v1/ledgers/{id}/trial-balance',
    {
      params: { path: { id: created.id }, query: { from: '2024-01', to: '2024-12' } },
    },
  )
  const debit: string = tb.totals.closingDebit
  // @ts-expect-error not a number
  const asNumber: number = tb.totals.closingDebit
  return [item, debit, asNumber]
}
