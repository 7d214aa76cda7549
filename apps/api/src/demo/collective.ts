import { CreateAssetInput, CreateContractInput, CreateHoldingInput, PayoutInput } from '@liancun/collective'
import { organizationCodeCheckCharacter, usccCheckCharacter } from '@liancun/core'
import type { z } from 'zod'
import type { Services } from '../services.js'
import { draftContractInstalment } from '../workflows/draft-contract-instalment.js'
import { openCollectiveRegisters } from '../workflows/open-collective-registers.js'
import { payOutDistribution } from '../workflows/pay-out-distribution.js'
import { demoDataset } from './dataset.js'

/**
 * Demo 三资 registers (seed 001): 黑牛盒马's two collectives (李孟德村, 仇家村) with member
 * registers, shares (人口股 and 集体股), their part of the 牛舍 as asset cards and a 2024 payout
 * to households; 朱家户村's 统一流转入 of households' land for the 香菇产业园 as inbound contracts;
 * 上瓦泉村's card for what the 榛子产业园 project built. Kept small for the demo load: 5 households
 * per 黑牛 village and 8 of 朱家户's 160 (the resource carries the 80 亩 and the note says so).
 * Names and amounts are illustrative.
 */
const ACTOR = 'demo:bookkeeper'
const LIMENGDE = '370322104203'
const QIUJIA = '370322104201'

const SURNAMES = ['李', '王', '张', '刘', '陈', '杨', '赵', '朱']
const GIVEN = ['建国', '秀英', '玉兰', '明德', '桂芳', '志强', '海燕', '立新']

function usccOf(countyCode: string, body: string): string {
  const first16 = `N2${countyCode}${body}`
  const first17 = first16 + organizationCodeCheckCharacter(first16.slice(8, 16))
  return first17 + usccCheckCharacter(first17)
}

const villageNamed = (name: string): string => {
  const found = demoDataset.divisions.find((d) => d.kind === 'village' && d.name === name)
  if (!found) throw new Error(`demo 三资: no village ${name}`)
  return found.code
}

async function projectNamed(services: Services, within: string, name: string) {
  const page = await services.funds.listProjects({ within, limit: 100, after: null })
  return page.items.find((p) => p.name === name)
}

/** Registers with `count` households of two members each, 10 人口股 per member and a 集体股. */
async function memberRegisters(services: Services, ledgerId: string, count: number, surname: string) {
  const c = services.collective
  // The workflow also makes the cards 确权 owes them for projects accepted before the registers
  // were opened (黑牛's sheds).
  const registers = await openCollectiveRegisters(services, ledgerId, ACTOR)
  const population = await c.addShareKind(registers.id, { name: '人口股', holder: 'member' })
  const collective = await c.addShareKind(registers.id, { name: '集体股', holder: 'collective' })
  const holding = (over: Partial<z.input<typeof CreateHoldingInput>>) =>
    CreateHoldingInput.parse({ validFrom: '2020-06-30', note: '2020年股份合作制改革折股量化', ...over })
  const households = []
  for (let i = 0; i < count; i++) {
    const head = `${surname}${GIVEN[i % GIVEN.length]}`
    const h = await c.addHousehold(
      registers.id,
      { number: String(i + 1).padStart(3, '0'), headName: head },
      ACTOR,
    )
    households.push(h)
    for (const name of [head, `${SURNAMES[(i + 1) % SURNAMES.length]}${GIVEN[(i + 3) % GIVEN.length]}`]) {
      const m = await c.addMember(
        registers.id,
        { householdId: h.id, name, joinedOn: '2020-06-30', joinReason: 'founding' },
        ACTOR,
      )
      await c.addHolding(
        registers.id,
        holding({ kindId: population.id, holderKind: 'member', holderId: m.id, units: '10' }),
        ACTOR,
      )
    }
  }
  await c.addHolding(
    registers.id,
    holding({
      kindId: collective.id,
      holderKind: 'collective',
      holderId: registers.id,
      units: String(count * 5),
    }),
    ACTOR,
  )
  return { registers, households }
}

/** 黑牛盒马: both villages' registers, their part of the sheds, and the 2024 payout to households. */
async function loadHeiniuRegisters(services: Services) {
  const ledgers = await services.ledger.ledgersOfVillages([LIMENGDE, QIUJIA])
  const plan = [
    { village: LIMENGDE, surname: '李', members: '30000.00' },
    { village: QIUJIA, surname: '仇', members: '10000.00' },
  ]
  for (const p of plan) {
    const ledger = ledgers.find((l) => l.villageCode === p.village)
    if (!ledger) continue
    // Their part of the sheds is on the asset cards 确权 gives them (memberRegisters), not by hand.
    const { registers } = await memberRegisters(services, ledger.id, 5, p.surname)
    // 2024's year is closed in the demo books: the payout is drafted in January 2025.
    await payOutDistribution(
      services,
      registers.id,
      PayoutInput.parse({
        amount: p.members,
        recordDate: '2024-12-31',
        payDate: '2025-01-15',
        summary: '2024年度黑牛项目收益股份分红',
      }),
      ACTOR,
    )
  }
}

/** The village's ledger, or (where the other demos keep none) a new one from 2024, bank only. */
async function booksOf(services: Services, villageCode: string, name: string, usccBody: string) {
  const [kept] = await services.ledger.ledgersOfVillages([villageCode])
  if (kept) return kept
  const ledger = await services.ledger.createLedger({
    villageCode,
    collective: { name, uscc: usccOf(villageCode.slice(0, 6), usccBody) },
    firstPeriod: '2024-01',
    chart: 'rcea-2023',
  })
  await services.ledger.setOpeningBalances(ledger.id, {
    lines: [
      { account: '102', debit: 30_000_000n },
      { account: '301', credit: 30_000_000n },
    ],
  })
  return ledger
}

/** 朱家户: the 80 亩 taken in from households (统一流转入) for the 香菇产业园, 8 of the 160 contracts. */
async function loadZhujiahuTransfer(services: Services) {
  const ledger = await booksOf(services, villageNamed('朱家户村'), '朱家户村股份经济合作社', 'MA3ZJH01')
  const { registers, households } = await memberRegisters(services, ledger.id, 8, '朱')
  const land = await services.collective.createResource(
    registers.id,
    {
      name: '香菇产业园一期流转地',
      kind: 'farmland',
      areaMu: '80',
      location: '燕崖镇朱家户村、石井河村集中连片地块',
      status: 'self_operated',
      note: '联村党委入户动员，流转160户村民的80亩土地（seed 001）；演示数据只录入其中8户的合同',
    },
    ACTOR,
  )
  for (const [i, h] of households.entries()) {
    const years = Array.from({ length: 10 }, (_, k) => 2024 + k)
    const contract = await services.collective.createContract(
      registers.id,
      CreateContractInput.parse({
        number: `ZJH-LZ-${String(i + 1).padStart(3, '0')}`,
        kind: 'transfer',
        direction: 'inbound',
        party: { kind: 'household', id: h.id, name: h.headName },
        signedOn: '2023-12-20',
        startsOn: '2024-01-01',
        endsOn: '2033-12-31',
        amount: '5000.00',
        items: [{ kind: 'resource', id: land.id, areaMu: '0.5' }],
        // 1,000 元/亩/年 for 0.5 亩, paid each January for that year.
        schedule: years.map((y) => ({
          dueOn: `${y}-01-10`,
          amount: '500.00',
          coversFrom: `${y}-01-01`,
          coversTo: `${y}-12-31`,
        })),
      }),
      ACTOR,
    )
    // 2024 and 2025 paid; 2026 is left open, so the overdue list has something to show.
    for (const [seq, on] of [
      [1, '2024-01-10'],
      [2, '2025-01-10'],
    ] as const) {
      await draftContractInstalment(
        services,
        registers.id,
        contract.id,
        seq,
        'receivable',
        { date: on },
        ACTOR,
        on,
      )
      await draftContractInstalment(
        services,
        registers.id,
        contract.id,
        seq,
        'receipt',
        { date: on },
        ACTOR,
        on,
      )
    }
  }
}

/** 瓦泉: 上瓦泉村's card for what the 榛子产业园 project built, with its funding lineage. */
async function loadWaquanAssets(services: Services) {
  const ledger = await booksOf(services, villageNamed('上瓦泉村'), '上瓦泉村股份经济合作社', 'MA3SWQ01')
  const registers = await services.collective.openRegisters(
    {
      id: ledger.id,
      villageCode: ledger.villageCode,
      name: ledger.collective.name,
      uscc: ledger.collective.uscc,
    },
    ACTOR,
  )
  const project = await projectNamed(services, ledger.villageCode.slice(0, 9), '瓦泉片区榛子产业园')
  await services.collective.createAsset(
    registers.id,
    CreateAssetInput.parse({
      name: '瓦泉片区榛子产业园灌溉及道路设施',
      category: 'fixed',
      assetClass: 'operating',
      cost: '1300000.00',
      acquiredOn: '2024-10-31',
      location: '博山镇上瓦泉、中瓦泉、下瓦泉村连片山地',
      manager: '上瓦泉村股份经济合作社',
      projectIds: project ? [project.id] : [],
      fundSourceIds: project ? project.funding.map((f) => f.fundSourceId) : [],
      depreciation: { usefulLifeMonths: 180 },
    }),
    ACTOR,
  )
  await services.collective.createResource(
    registers.id,
    {
      name: '榛子产业园山地',
      kind: 'forest',
      areaMu: '1300',
      location: '上瓦泉村连片山地',
      status: 'self_operated',
      note: '',
    },
    ACTOR,
  )
}

export async function loadDemoCollective(services: Services): Promise<void> {
  await loadHeiniuRegisters(services)
  await loadZhujiahuTransfer(services)
  await loadWaquanAssets(services)
}
