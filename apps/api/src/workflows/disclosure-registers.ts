import type { RegistersInput, RegistersReader } from '@liancun/ledger'
import {
  assetCategoryLabel,
  assetClassLabel,
  contractKindLabel,
  everything,
  resourceKindLabel,
  resourceStatusLabel,
} from '../exports/registers-labels.js'
import type { Services } from '../services.js'

/** Said on every 三资公开: resource statuses are current, the register keeps no status history. */
export const STATUS_NOTE = '资源状态为公开发布时台账所载状态'

/**
 * 三资公开 for a 财务公开 (issue 13): the ledger cannot import the registers, so the app reads
 * them — through `services` bound to the disclosure's own transaction — and hands the ledger
 * plain records to publish with its hash. The collective of the ledger is found among its
 * village's registers (one read); then one read per register (assets with owners and disposals,
 * resources, contracts with items and schedules), whatever their size. Cards are valued at the
 * period's end; which cards and contracts the period shows is the ledger's rule
 * (rules/disclosure-registers.ts). No registers: null, and the disclosure says so.
 */
export function registersReader(services: Services): RegistersReader {
  return async ({ ledgerId, villageCode, to }): Promise<RegistersInput | null> => {
    const registers = services.collective
    const of = await registers.listCollectives({ within: villageCode, limit: 100, after: null })
    const collective = of.items.find((c) => c.ledgerId === ledgerId)
    if (!collective) return null
    const id = collective.id
    const assets = await everything(
      (page) => registers.listAssets(id, { asOf: to, ...page }),
      (a) => a.id,
    )
    const resources = await everything(
      (page) => registers.listResources(id, page),
      (r) => r.id,
    )
    const contracts = await everything(
      (page) => registers.listContracts(id, page),
      (c) => c.id,
    )
    const nameOf = new Map<string, string>([
      ...resources.map((r) => [`resource:${r.id}`, r.name] as const),
      ...assets.map((a) => [`asset:${a.id}`, a.name] as const),
    ])
    return {
      assets: assets.map((a) => ({
        id: a.id,
        name: a.name,
        assetClass: assetClassLabel(a.assetClass),
        category: assetCategoryLabel(a.category),
        acquiredOn: a.acquiredOn,
        disposedOn: a.disposal?.disposedOn ?? null,
        cost: a.cost,
        accumulatedDepreciation: a.accumulatedDepreciation,
        netBookValue: a.netBookValue,
        owners: a.owners.map((o) => ({ name: o.holderName, units: o.units })),
      })),
      resources: resources.map((r) => ({
        id: r.id,
        name: r.name,
        kind: resourceKindLabel(r.kind),
        areaMu: r.areaMu,
        location: r.location,
        status: resourceStatusLabel(r.status),
      })),
      contracts: contracts.map((c) => ({
        id: c.id,
        number: c.number,
        kind: `${contractKindLabel(c.kind)}${c.direction === 'inbound' ? '（承入）' : ''}`,
        party: c.party.name,
        object: c.items
          .map((i) => `${nameOf.get(`${i.kind}:${i.id}`) ?? i.id}${i.areaMu ? ` ${i.areaMu}亩` : ''}`)
          .join('、'),
        signedOn: c.signedOn,
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        amount: c.amount,
        payments: c.schedule.map((p) => ({ dueOn: p.dueOn, amount: p.amount, receivedOn: p.receivedOn })),
      })),
      statusNote: STATUS_NOTE,
    }
  }
}
