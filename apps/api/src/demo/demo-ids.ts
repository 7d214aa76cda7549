import type { FastifyInstance } from 'fastify'
import type { DemoEnvironment } from './demo-keys.js'

/** 李孟德村 of 唐坊镇, 高青县: the village whose books and projects the README's examples use. */
export const DEMO_VILLAGE = '370322104203'

/**
 * The ids the README's examples name, found the way an integrator finds them — through the API's
 * own lists, with the demo admin key — because ids are made when the demo loads. A record the
 * demo no longer has is left out rather than guessed, so the banner never prints a wrong id.
 */
export async function demoIds(app: FastifyInstance, adminKey: string): Promise<DemoEnvironment> {
  const get = async <T>(url: string): Promise<T | undefined> => {
    const response = await app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${adminKey}` },
    })
    return response.statusCode === 200 ? (response.json() as T) : undefined
  }
  type Page<T> = { items: T[] }
  const ids: DemoEnvironment = {}

  const alliances = await get<Page<{ id: string; name: string }>>('/v1/alliances?within=370322104&limit=50')
  const heiniu = alliances?.items.find((a) => a.name === '黑牛盒马联村党委')
  if (heiniu) ids.ALLIANCE_ID = heiniu.id

  const ledgers = await get<Page<{ id: string; villageCode: string }>>(
    `/v1/ledgers?within=${DEMO_VILLAGE}&limit=5`,
  )
  const ledger = ledgers?.items.find((l) => l.villageCode === DEMO_VILLAGE)
  if (ledger) ids.LEDGER_ID = ledger.id

  // The 黑牛 project's 质保金 (5 %, due 2026-06-30): the tranche the README pays into the ledger.
  const projects = await get<Page<{ id: string; name: string }>>('/v1/projects?within=370322104&limit=50')
  const heiniuProject = projects?.items.find((p) => p.name === '李孟德村黑牛养殖园区')
  const project = heiniuProject
    ? await get<{
        id: string
        funding: { fundSourceId: string }[]
        paymentPlan: { id: string; retention: boolean }[]
      }>(`/v1/projects/${heiniuProject.id}`)
    : undefined
  const retention = project?.paymentPlan.find((t) => t.retention)
  if (project && retention && project.funding[0]) {
    ids.PROJECT_ID = project.id
    ids.TRANCHE_ID = retention.id
    ids.SOURCE_ID = project.funding[0].fundSourceId
  }
  return ids
}
