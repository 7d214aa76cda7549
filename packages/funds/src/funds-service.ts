import {
  addDays,
  type Clock,
  countyOf,
  type Database,
  newId,
  type Page,
  systemClock,
  toPage,
} from '@liancun/core'
import { and, asc, desc, eq, gt, inArray, like, sql } from 'drizzle-orm'
import { FundsError } from './errors.js'
import type {
  CreateFundSourceInput,
  CreateNoticeInput,
  CreateProjectInput,
  PutFundRulesInput,
  RecordResultInput,
  TransitionInput,
} from './inputs.js'
import { moneyFlowMethods } from './money-flow.js'
import {
  type FundSource,
  inYear,
  type Project,
  projectDetail,
  projectsWithin,
  requireProject,
  requireSource,
  sourceTotals,
  toSource,
} from './records.js'
import { reportMethods } from './reports.js'
import { checkTransition, type ProjectStatus } from './rules/lifecycle.js'
import {
  disbursements,
  fundRules,
  fundSources,
  projectBeneficiaries,
  projectNotices,
  projectResults,
  projectShares,
  projects,
  projectTargets,
  projectTransitions,
} from './schema.js'

export interface FundsServiceOptions {
  db: Database
  clock?: Clock
}

/** 公告公示 lasts at least 10 days unless a county or township configures otherwise. */
export const DEFAULT_NOTICE_DAYS = 10

/** What an app-level gate found before a step (the 四议两公开 decision behind an approval). */
export interface TransitionGate {
  decision?: { ref: string; kind: string; satisfied: boolean; missing: string[] }
  majorMatterAmount?: bigint
}

/** The prefixes of a division code that can carry funds settings: its county and township. */
function settingHolders(divisionCode: string): string[] {
  return [...new Set([divisionCode.slice(0, 6), divisionCode.slice(0, 9)])].filter(
    (code) => code.length <= divisionCode.length,
  )
}

export function createFundsService(options: FundsServiceOptions) {
  const { db } = options
  const clock = options.clock ?? systemClock

  async function noticeDaysFor(q: Database, divisionCode: string, day: string): Promise<number> {
    const [row] = await q
      .select()
      .from(fundRules)
      .where(
        and(
          eq(fundRules.countyCode, countyOf(divisionCode)),
          inArray(fundRules.divisionCode, settingHolders(divisionCode)),
          sql`${fundRules.effectiveFrom} <= ${day}`,
        ),
      )
      // The most specific holder wins (a township over its county), then the latest setting.
      .orderBy(desc(sql`length(${fundRules.divisionCode})`), desc(fundRules.effectiveFrom))
      .limit(1)
    return row?.noticeDays ?? DEFAULT_NOTICE_DAYS
  }

  async function detail(q: Database, id: string): Promise<Project> {
    return projectDetail(q, await requireProject(q, id))
  }

  /** Notices of a stage that have run their full days by `day` (from … until, then the day after). */
  async function completedNotice(
    q: Database,
    row: { countyCode: string; id: string },
    stage: string,
    day: string,
  ) {
    const notices = await q
      .select()
      .from(projectNotices)
      .where(
        and(
          eq(projectNotices.countyCode, row.countyCode),
          eq(projectNotices.projectId, row.id),
          eq(projectNotices.stage, stage),
        ),
      )
      .orderBy(desc(projectNotices.from))
    return { done: notices.find((n) => n.until < day) ?? null, latest: notices[0] ?? null }
  }

  async function requireNoticeRun(
    q: Database,
    row: { countyCode: string; id: string },
    stage: string,
    day: string,
  ) {
    const { done, latest } = await completedNotice(q, row, stage, day)
    if (done) return done
    throw new FundsError(
      'funds.notice_required',
      latest
        ? `the ${stage} notice runs until ${latest.until}; this step can follow from ${addDays(latest.until, 1)}`
        : `post the ${stage} notice (公告公示) first and let it run its days`,
      { kind: 'rule', context: { stage, ...(latest ? { until: latest.until } : {}) } },
    )
  }

  return {
    ...moneyFlowMethods(db, clock),
    ...reportMethods(db),

    /** Records a source. `divisionCode` is where the holder sits (the app resolves an alliance's township). */
    async createFundSource(
      input: CreateFundSourceInput,
      divisionCode: string,
      createdBy: string,
    ): Promise<FundSource> {
      if (input.holder.kind !== 'alliance' && input.holder.code !== divisionCode) {
        throw new FundsError('funds.holder_mismatch', 'the holder’s division is its own code', {
          kind: 'invalid',
          field: 'holder',
        })
      }
      if (Number(input.receivedOn.slice(0, 4)) < input.fiscalYear - 1) {
        throw new FundsError(
          'funds.received_before_year',
          'money is received in or after the year before its fiscal year',
          {
            kind: 'rule',
            field: 'receivedOn',
          },
        )
      }
      const [row] = await db
        .insert(fundSources)
        .values({
          countyCode: countyOf(divisionCode),
          id: newId(),
          name: input.name,
          kind: input.kind,
          level: input.level,
          documentNo: input.documentNo,
          fiscalYear: input.fiscalYear,
          amount: input.amount,
          receivedOn: input.receivedOn,
          holderKind: input.holder.kind,
          holderId: input.holder.kind === 'alliance' ? input.holder.id : input.holder.code,
          divisionCode,
          allowedCategories: JSON.stringify(input.allowedCategories),
          excludedUses: JSON.stringify(input.excludedUses),
          minIndustryShareBp: input.minIndustryShare === undefined ? null : Number(input.minIndustryShare),
          directFund: input.directFund,
          createdBy,
          createdAt: clock.now(),
        })
        .returning()
      return toSource(row!, { allocated: 0n, disbursed: 0n })
    },

    async getFundSource(id: string): Promise<FundSource> {
      const row = await requireSource(db, id)
      return toSource(row, (await sourceTotals(db, row.countyCode, [id])).get(id)!)
    },

    async listFundSources(query: {
      within?: string
      holderIds?: string[]
      year?: number
      limit: number
      after: string | null
    }): Promise<Page<FundSource>> {
      const rows = await db
        .select()
        .from(fundSources)
        .where(
          and(
            query.within ? like(fundSources.divisionCode, `${query.within}%`) : undefined,
            query.holderIds ? inArray(fundSources.holderId, query.holderIds) : undefined,
            query.year ? eq(fundSources.fiscalYear, query.year) : undefined,
            query.after ? gt(fundSources.id, query.after) : undefined,
          ),
        )
        .orderBy(asc(fundSources.id))
        .limit(query.limit + 1)
      const totals = await sourceTotals(
        db,
        null,
        rows.map((r) => r.id),
      )
      return toPage(
        rows.map((r) => toSource(r, totals.get(r.id)!)),
        query.limit,
        (s) => s.id,
      )
    },

    /** Enters a project into the library as a candidate; targets and a benefit mechanism are required. */
    async createProject(input: CreateProjectInput, createdBy: string): Promise<Project> {
      if (input.targets.length === 0) {
        throw new FundsError('funds.targets_required', 'a project enters the library with its 绩效目标', {
          kind: 'rule',
          field: 'targets',
        })
      }
      if (input.benefitMechanism.length === 0) {
        throw new FundsError('funds.benefit_mechanism_required', 'a project states its 利益联结机制', {
          kind: 'rule',
          field: 'benefitMechanism',
        })
      }
      if (input.endOn < input.startOn) {
        throw new FundsError('funds.ends_before_start', 'endOn is on or after startOn', {
          kind: 'invalid',
          field: 'endOn',
        })
      }
      const implementerVillage = 'villageCode' in input.implementer ? input.implementer.villageCode : null
      if (implementerVillage && !implementerVillage.startsWith(input.townshipCode)) {
        throw new FundsError(
          'funds.implementer_outside_township',
          `${implementerVillage} is not in ${input.townshipCode}`,
          {
            kind: 'rule',
            field: 'implementer.villageCode',
          },
        )
      }
      const seen = new Set<string>()
      input.beneficiaries.forEach((b, i) => {
        if (seen.has(b.villageCode)) {
          throw new FundsError('funds.duplicate_beneficiary', `${b.villageCode} is listed twice`, {
            kind: 'invalid',
            field: `beneficiaries.${i}.villageCode`,
          })
        }
        if (countyOf(b.villageCode) !== countyOf(input.townshipCode)) {
          throw new FundsError(
            'funds.beneficiary_outside_county',
            'beneficiaries lie in the project’s county',
            {
              kind: 'rule',
              field: `beneficiaries.${i}.villageCode`,
            },
          )
        }
        seen.add(b.villageCode)
      })
      const indicators = new Set<string>()
      input.targets.forEach((t, i) => {
        if (indicators.has(t.indicator)) {
          throw new FundsError('funds.duplicate_indicator', `indicator ${t.indicator} is listed twice`, {
            kind: 'invalid',
            field: `targets.${i}.indicator`,
          })
        }
        indicators.add(t.indicator)
      })
      const countyCode = countyOf(input.townshipCode)
      const id = newId()
      return db.transaction(async (tx) => {
        await tx.insert(projects).values({
          countyCode,
          id,
          name: input.name,
          category: input.category,
          allianceId: input.allianceId ?? null,
          townshipCode: input.townshipCode,
          implementerVillageCode: implementerVillage,
          implementerPartnerId: 'partnerId' in input.implementer ? input.implementer.partnerId : null,
          budget: input.budget,
          location: input.location,
          startOn: input.startOn,
          endOn: input.endOn,
          benefitMechanism: input.benefitMechanism,
          proposedBy: input.proposedBy,
          status: 'candidate',
          createdBy,
          createdAt: clock.now(),
        })
        await tx.insert(projectBeneficiaries).values(
          input.beneficiaries.map((b) => ({
            countyCode,
            projectId: id,
            villageCode: b.villageCode,
            units: BigInt(b.units),
          })),
        )
        await tx
          .insert(projectTargets)
          .values(input.targets.map((t, position) => ({ countyCode, projectId: id, position, ...t })))
        return detail(tx, id)
      })
    },

    async getProject(id: string): Promise<Project> {
      return db.transaction((tx) => detail(tx, id))
    },

    /**
     * A project as the public noticeboard shows it (项目公开): past the library stage and not
     * cancelled, with the sources that fund it named. Nothing in these records is personal.
     */
    async publicProject(id: string) {
      return db.transaction(async (tx) => {
        const project = await detail(tx, id)
        if (project.status === 'candidate' || project.status === 'cancelled') {
          throw new FundsError('funds.project_not_found', `no public project ${id}`, { kind: 'not_found' })
        }
        const ids = project.funding.map((f) => f.fundSourceId)
        const rows = ids.length ? await tx.select().from(fundSources).where(inArray(fundSources.id, ids)) : []
        const named = new Map(rows.map((s) => [s.id, s]))
        return {
          project,
          funds: project.funding.map((f) => {
            const s = named.get(f.fundSourceId)!
            return {
              name: s.name,
              kind: s.kind,
              level: s.level,
              documentNo: s.documentNo,
              directFund: s.directFund,
              allocated: f.allocated,
              disbursed: f.disbursed,
            }
          }),
        }
      })
    },

    /** Where a project sits, for scope checks and cross-domain gates. */
    async projectScope(id: string) {
      const row = await requireProject(db, id)
      const beneficiaries = await db
        .select({ villageCode: projectBeneficiaries.villageCode })
        .from(projectBeneficiaries)
        .where(
          and(eq(projectBeneficiaries.countyCode, row.countyCode), eq(projectBeneficiaries.projectId, id)),
        )
      return {
        countyCode: row.countyCode,
        townshipCode: row.townshipCode,
        implementerVillageCode: row.implementerVillageCode,
        beneficiaryVillageCodes: beneficiaries.map((b) => b.villageCode).sort(),
        status: row.status as ProjectStatus,
        budget: row.budget,
        name: row.name,
      }
    },

    async listProjects(query: {
      within?: string
      status?: ProjectStatus
      category?: string
      year?: number
      limit: number
      after: string | null
    }): Promise<Page<Project>> {
      return db.transaction(async (tx) => {
        const rows = await tx
          .select()
          .from(projects)
          .where(
            and(
              query.within ? projectsWithin(query.within) : undefined,
              query.status ? eq(projects.status, query.status) : undefined,
              query.category ? eq(projects.category, query.category) : undefined,
              inYear(projects.startOn, query.year),
              query.after ? gt(projects.id, query.after) : undefined,
            ),
          )
          .orderBy(asc(projects.id))
          .limit(query.limit + 1)
        const out: Project[] = []
        for (const row of rows) out.push(await projectDetail(tx, row))
        return toPage(out, query.limit, (p) => p.id)
      })
    },

    /**
     * One lifecycle step, refused out of order. Approval and acceptance wait for their notice to
     * have run its days; acceptance records the ownership shares. `gate` is what the app found
     * across domains (the 四议两公开 decision) and is stored with the step.
     */
    async transition(id: string, input: TransitionInput, actor: string, gate: TransitionGate = {}) {
      return db.transaction(async (tx) => {
        const row = await requireProject(tx, id, true)
        const from = row.status as ProjectStatus
        checkTransition(from, input.to)
        if (input.to === 'cancelled') {
          const [paid] = await tx
            .select({ id: disbursements.id })
            .from(disbursements)
            .where(and(eq(disbursements.countyCode, row.countyCode), eq(disbursements.projectId, id)))
            .limit(1)
          if (paid) {
            throw new FundsError(
              'funds.paid_cannot_cancel',
              'money has been paid to this project; it is carried out, not cancelled',
              {
                kind: 'rule',
                field: 'to',
              },
            )
          }
        }
        const on = input.on ?? clock.today()
        if (on > clock.today()) {
          throw new FundsError('funds.future_step', 'a step is recorded on or before today', {
            kind: 'rule',
            field: 'on',
          })
        }
        const [last] = await tx
          .select({ on: projectTransitions.on })
          .from(projectTransitions)
          .where(and(eq(projectTransitions.countyCode, row.countyCode), eq(projectTransitions.projectId, id)))
          .orderBy(desc(projectTransitions.on))
          .limit(1)
        if (last && on < last.on) {
          throw new FundsError('funds.step_before_previous', `the previous step was on ${last.on}`, {
            kind: 'rule',
            field: 'on',
          })
        }
        let notice: { id: string; until: string } | null = null
        if (input.to === 'approved') notice = await requireNoticeRun(tx, row, 'approval', on)
        if (input.to === 'accepted') {
          if (!input.acceptance) {
            throw new FundsError(
              'funds.acceptance_required',
              '验收 records the ownership shares of the assets formed',
              {
                kind: 'invalid',
                field: 'acceptance',
              },
            )
          }
          notice = await requireNoticeRun(tx, row, 'completion', on)
          const holders = new Set<string>()
          const shareRows = input.acceptance.shares.map((share, i) => {
            const holder =
              'villageCode' in share.holder
                ? `village:${share.holder.villageCode}`
                : `partner:${share.holder.partnerId}`
            if ('villageCode' in share.holder && countyOf(share.holder.villageCode) !== row.countyCode) {
              throw new FundsError(
                'funds.holder_outside_county',
                'share holders lie in the project’s county',
                {
                  kind: 'rule',
                  field: `acceptance.shares.${i}.holder`,
                },
              )
            }
            if (holders.has(holder)) {
              throw new FundsError('funds.duplicate_holder', `${holder} holds one share line`, {
                kind: 'invalid',
                field: `acceptance.shares.${i}.holder`,
              })
            }
            holders.add(holder)
            return {
              countyCode: row.countyCode,
              projectId: id,
              holder,
              contribution: share.contribution,
              units: share.valuation,
            }
          })
          await tx.insert(projectShares).values(shareRows)
        } else if (input.acceptance) {
          throw new FundsError('funds.acceptance_unexpected', 'an acceptance record goes with to=accepted', {
            kind: 'invalid',
            field: 'acceptance',
          })
        }
        const stored = {
          ...(gate.decision ? { decision: gate.decision } : {}),
          ...(gate.majorMatterAmount !== undefined
            ? { majorMatterFen: gate.majorMatterAmount.toString() }
            : {}),
          ...(notice ? { notice: { id: notice.id, until: notice.until } } : {}),
        }
        await tx.insert(projectTransitions).values({
          countyCode: row.countyCode,
          id: newId(),
          projectId: id,
          fromStatus: from,
          toStatus: input.to,
          on,
          note: input.note,
          decisionRef: input.decisionRef ?? null,
          gate: Object.keys(stored).length ? JSON.stringify(stored) : null,
          actor,
          createdAt: clock.now(),
        })
        await tx
          .update(projects)
          .set({
            status: input.to,
            ...(input.to === 'accepted'
              ? {
                  acceptance: JSON.stringify({
                    acceptedOn: on,
                    assetClass: input.acceptance!.assetClass,
                    note: input.acceptance!.note ?? null,
                  }),
                }
              : {}),
          })
          .where(and(eq(projects.countyCode, row.countyCode), eq(projects.id, id)))
        return detail(tx, id)
      })
    },

    /** The audited steps of a project, oldest first. */
    async listTransitions(id: string) {
      const row = await requireProject(db, id)
      const rows = await db
        .select()
        .from(projectTransitions)
        .where(and(eq(projectTransitions.countyCode, row.countyCode), eq(projectTransitions.projectId, id)))
        .orderBy(asc(projectTransitions.on), asc(projectTransitions.createdAt), asc(projectTransitions.id))
      return rows.map((t) => ({
        id: t.id,
        from: t.fromStatus,
        to: t.toStatus,
        on: t.on,
        note: t.note,
        decisionRef: t.decisionRef,
        gate: t.gate ? (JSON.parse(t.gate) as Record<string, unknown>) : null,
        actor: t.actor,
        at: t.createdAt.toISOString(),
      }))
    },

    /** 公告公示: runs the configured days from `from`. */
    async addNotice(id: string, input: CreateNoticeInput) {
      return db.transaction(async (tx) => {
        const row = await requireProject(tx, id, true)
        const status = row.status as ProjectStatus
        const allowed: ProjectStatus[] = input.stage === 'approval' ? ['submitted', 'reviewed'] : ['started']
        if (!allowed.includes(status)) {
          throw new FundsError(
            'funds.notice_out_of_stage',
            `a ${input.stage} notice is posted while the project is ${allowed.join(' or ')}; it is ${status}`,
            { kind: 'rule', field: 'stage' },
          )
        }
        // Read on the transaction: a second query on `db` would wait forever for PGlite's one connection.
        const days = await noticeDaysFor(tx, row.implementerVillageCode ?? row.townshipCode, input.from)
        const [notice] = await tx
          .insert(projectNotices)
          .values({
            countyCode: row.countyCode,
            id: newId(),
            projectId: id,
            stage: input.stage,
            from: input.from,
            until: addDays(input.from, days - 1),
            days,
            channels: JSON.stringify(input.channels),
            createdAt: clock.now(),
          })
          .returning()
        return {
          id: notice!.id,
          stage: input.stage,
          from: notice!.from,
          until: notice!.until,
          days,
          channels: input.channels,
        }
      })
    },

    /** 绩效: the actual value of one of the project's indicators for a period. */
    async recordResult(id: string, input: RecordResultInput) {
      return db.transaction(async (tx) => {
        const row = await requireProject(tx, id)
        if (!['started', 'accepted', 'operating', 'closed'].includes(row.status)) {
          throw new FundsError(
            'funds.no_results_yet',
            `results are recorded once works start; the project is ${row.status}`,
            {
              kind: 'rule',
            },
          )
        }
        const [target] = await tx
          .select()
          .from(projectTargets)
          .where(
            and(
              eq(projectTargets.countyCode, row.countyCode),
              eq(projectTargets.projectId, id),
              eq(projectTargets.indicator, input.indicator),
            ),
          )
        if (!target) {
          throw new FundsError(
            'funds.unknown_indicator',
            `${input.indicator} is not one of the project’s targets`,
            {
              kind: 'rule',
              field: 'indicator',
            },
          )
        }
        await tx
          .insert(projectResults)
          .values({ countyCode: row.countyCode, id: newId(), projectId: id, ...input })
        return detail(tx, id)
      })
    },

    /** Records (or replaces, for the same day) a county's or township's notice days. */
    async putRules(divisionCode: string, input: PutFundRulesInput, createdBy: string) {
      await db
        .insert(fundRules)
        .values({
          countyCode: countyOf(divisionCode),
          divisionCode,
          ...input,
          createdBy,
          createdAt: clock.now(),
        })
        .onConflictDoUpdate({
          target: [fundRules.countyCode, fundRules.divisionCode, fundRules.effectiveFrom],
          set: { noticeDays: input.noticeDays, createdBy, createdAt: clock.now() },
        })
      return { divisionCode, effectiveFrom: input.effectiveFrom, noticeDays: input.noticeDays }
    },

    async getRules(divisionCode: string, asOf: string) {
      return { divisionCode, asOf, noticeDays: await noticeDaysFor(db, divisionCode, asOf) }
    },

    withTx(tx: Database) {
      return createFundsService({ ...options, db: tx })
    },
  }
}

export type FundsService = ReturnType<typeof createFundsService>
