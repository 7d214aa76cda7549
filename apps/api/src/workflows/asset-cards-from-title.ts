import type { TitleCard, TitleCoOwner } from '@liancun/collective'
import type { TransitionInput } from '@liancun/funds'
import type { Services } from '../services.js'

type Titles = Awaited<ReturnType<Services['funds']['assetTitles']>>
type TitledAssets = NonNullable<NonNullable<TransitionInput['acceptance']>['assets']>

/**
 * 资产卡片 from 确权 (issue 13), in the acceptance's transaction: each village collective that owns
 * a share of an asset gets a fixed-asset card in its 三资 register — class, cost = its value (what
 * its 确权 voucher puts on 151), funding lineage (the project's fund sources and the project),
 * the co-owners and their shares, the acceptance day, location (default the project's) and
 * manager. So the register and the ledger agree once the 确权 voucher is posted.
 *
 * - A village whose ledger has no 三资 registers yet gets no card here and is listed in
 *   `skipped` (reason `no_registers`): opening a register set is the village bookkeeper's act
 *   (POST /v1/collectives, which refuses a second set), and opening it behind their back would
 *   turn their later opening into a conflict. Once opened, `assetCardsFromTitle` run again (it
 *   is idempotent) creates the cards; the 确权 voucher is on the ledger meanwhile, so a register
 *   opened later and not given its cards shows the difference in its reconciliation.
 * - 到户类 assets get no card: reference funds-and-platforms.md §1.5, "household assets belong to
 *   the household" — they are not the collective's property and its books hold nothing for them
 *   (the 确权 entries book only village owners). A household's share of a 经营性 asset appears as
 *   a co-owner on the village's card; the household part itself is in no collective's register.
 * - Idempotent: the collective keeps a card the project already gave it (`cardsFromTitle`).
 *
 * The link to the 确权 voucher is (card.projectIds[0], collective.ledgerId) → the funds entry's
 * voucher (`assetTitles(projectId).entries[].voucherId`); it is returned here per card.
 */
export async function assetCardsFromTitle(
  services: Services,
  project: { id: string; location: string; funding: readonly { fundSourceId: string }[] },
  titles: Titles,
  given: TitledAssets | undefined,
  acquiredOn: string,
  actor: string,
  /** Only this ledger's cards (registers opened after the acceptance); default every owner's. */
  onlyLedgerId?: string,
) {
  const voucherOf = new Map(titles.entries.map((e) => [e.ledgerId, e.voucherId]))
  // Every village owner has its one ledger (the gate checked it): its collective names it.
  const owning = [
    ...new Set(
      titles.assets
        .filter((a) => a.assetClass !== 'household')
        .flatMap((a) => a.owners.flatMap((o) => (o.ledgerId === null ? [] : [o.ledgerId]))),
    ),
  ].sort()
  const ledgers = new Map<string, Awaited<ReturnType<Services['ledger']['getLedger']>>>()
  for (const id of owning) ledgers.set(id, await services.ledger.getLedger(id))
  const ledgerIds = onlyLedgerId === undefined ? owning : owning.filter((id) => id === onlyLedgerId)
  const nameOf = new Map([...ledgers.values()].map((l) => [l.villageCode, l.collective.name]))
  const byLedger = new Map<string, TitleCard[]>()
  for (const asset of titles.assets) {
    if (asset.assetClass === 'household') continue
    const extra = given?.[asset.position - 1]
    for (const owner of asset.owners) {
      if (owner.ledgerId === null) continue
      const coOwners: TitleCoOwner[] = asset.owners
        .filter((o) => o !== owner)
        .map((o) =>
          o.household === null
            ? {
                holderKind: 'village',
                holderId: o.villageCode,
                holderName: nameOf.get(o.villageCode) ?? o.villageCode,
                value: o.value,
              }
            : {
                holderKind: 'household',
                holderId: `${o.villageCode}:${o.household}`,
                holderName: o.household,
                value: o.value,
              },
        )
      const cards = byLedger.get(owner.ledgerId) ?? []
      byLedger.set(owner.ledgerId, cards)
      cards.push({
        name: asset.name,
        assetClass: asset.assetClass,
        value: owner.value,
        location: (extra?.location || project.location).slice(0, 200),
        manager: extra?.manager ?? '',
        usefulLifeMonths: extra?.usefulLifeMonths ?? null,
        coOwners,
      })
    }
  }
  const cards = []
  const skipped: { ledgerId: string; villageCode: string; reason: 'no_registers' }[] = []
  for (const ledgerId of ledgerIds) {
    const ledger = ledgers.get(ledgerId)!
    const result = await services.collective.cardsFromTitle(
      {
        ledger: { id: ledger.id, villageCode: ledger.villageCode },
        projectId: project.id,
        fundSourceIds: project.funding.map((f) => f.fundSourceId),
        acquiredOn,
        assets: byLedger.get(ledgerId)!,
      },
      actor,
    )
    if (result === null) skipped.push({ ledgerId, villageCode: ledger.villageCode, reason: 'no_registers' })
    else cards.push({ ...result, ledgerId, voucherId: voucherOf.get(ledgerId) ?? null })
  }
  return { cards, skipped }
}
