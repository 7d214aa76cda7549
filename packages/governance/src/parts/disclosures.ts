import { newId } from '@liancun/core'
import { type GovernanceContext, type GuardOptions, type MatterRef, runGuard } from '../context.js'
import { notFound } from '../errors.js'
import type {
  CreateMatterDisclosureInput,
  CreateObjectionInput,
  ImplementationInput,
  RespondObjectionInput,
} from '../inputs.js'
import {
  checkDisclosure,
  checkImplementation,
  checkResponse,
  isOverdue,
  objectionDueOn,
} from '../rules/disclosures.js'
import { matters, objections } from '../schema.js'
import {
  answerObjection,
  insertDisclosure,
  insertObjection,
  lockObjection,
  matterWithObjections,
  type ObjectionRow,
  objectionMatterId,
  villageDisclosures,
} from '../store/disclosures.js'
import { lockMatter, matterContext, updateMatter } from '../store/matters.js'
import { countyOfRow } from '../store/sql.js'
import { matterRef } from './matters.js'
import { rulesOn } from './rules-config.js'

function toObjection(row: ObjectionRow, today: string) {
  return {
    id: row.id,
    matterId: row.matterId,
    submittedOn: row.submittedOn,
    content: row.content,
    dueOn: row.dueOn,
    outcome: row.outcome as 'upheld' | 'dismissed' | 'escalated' | null,
    respondedOn: row.respondedOn,
    response: row.response,
    overdue: isOverdue(row, today),
  }
}

/** 两公开, objections (异议) and implementation (实施) of a matter. */
export function disclosurePart({ db, clock }: GovernanceContext) {
  /** The county a matter is locked on (before its transaction); not found without a row. */
  async function matterCounty(matterId: string): Promise<string> {
    const county = await countyOfRow(db, matters, matterId)
    if (county === undefined) throw notFound('matter', matterId)
    return county
  }

  /** The matter locked with its context, authorised; not found otherwise. */
  async function locked(
    tx: typeof db,
    county: string,
    matterId: string,
    options: GuardOptions<MatterRef> | undefined,
  ) {
    const found = await lockMatter(tx, county, matterId)
    if (!found) throw notFound('matter', matterId)
    await runGuard(options, matterRef(found.row))
    return found
  }

  return {
    /**
     * 决议公开 once resolved, lasting at least the configured days; 实施结果公开 once the
     * implementation is completed, which closes the matter.
     */
    async discloseMatter(
      matterId: string,
      input: CreateMatterDisclosureInput,
      options?: GuardOptions<MatterRef>,
    ) {
      const county = await matterCounty(matterId)
      return db.transaction(async (tx) => {
        const { row: matter, overrides } = await locked(tx, county, matterId, options)
        checkDisclosure(matter, input, rulesOn(matter.villageCode, input.from, overrides).disclosureDays)
        const row = await insertDisclosure(tx, {
          countyCode: matter.countyCode,
          id: newId(matter.countyCode),
          matterId,
          kind: input.kind,
          channels: JSON.stringify(input.channels),
          from: input.from,
          until: input.until,
        })
        if (input.kind === 'result') await updateMatter(tx, matter, { state: 'closed' })
        return {
          id: row.id,
          matterId,
          kind: input.kind,
          channels: input.channels,
          from: input.from,
          until: input.until,
        }
      })
    },

    async objectTo(matterId: string, input: CreateObjectionInput, options?: GuardOptions<MatterRef>) {
      const county = await matterCounty(matterId)
      return db.transaction(async (tx) => {
        const found = await locked(tx, county, matterId, options)
        const { row: matter } = found
        const rules = rulesOn(matter.villageCode, input.submittedOn, found.overrides)
        const { latestResolutionUntil } = await matterContext(tx, matter)
        const dueOn = objectionDueOn(
          matter,
          latestResolutionUntil !== null,
          input.submittedOn,
          rules.objectionResponseDays,
        )
        const row = await insertObjection(tx, {
          countyCode: matter.countyCode,
          id: newId(matter.countyCode),
          matterId,
          submittedOn: input.submittedOn,
          content: input.content,
          dueOn,
        })
        return toObjection(row, clock.today())
      })
    },

    /**
     * Answers an objection; an upheld one sends the matter back to consultation (两委商议).
     * `guard` sees the objection's matter.
     */
    async respondToObjection(
      objectionId: string,
      input: RespondObjectionInput,
      options?: GuardOptions<MatterRef>,
    ) {
      const county = await countyOfRow(db, objections, objectionId)
      if (county === undefined) throw notFound('objection', objectionId)
      return db.transaction(async (tx) => {
        const found = await lockObjection(tx, county, objectionId)
        if (!found) throw notFound('objection', objectionId)
        const { row } = found
        await runGuard(options, {
          countyCode: row.countyCode,
          id: row.matterId,
          villageCode: found.villageCode,
        })
        checkResponse(row, input)
        const updated = await answerObjection(tx, row, {
          outcome: input.outcome,
          respondedOn: input.respondedOn,
          response: input.response,
        })
        if (input.outcome === 'upheld') {
          await updateMatter(tx, { countyCode: row.countyCode, id: row.matterId }, { state: 'consultation' })
        }
        return toObjection(updated, clock.today())
      })
    },

    /** The matter an objection belongs to. */
    async objectionMatter(objectionId: string): Promise<string> {
      const matterId = await objectionMatterId(db, objectionId)
      if (!matterId) throw notFound('objection', objectionId)
      return matterId
    },

    /** A matter's objections, in one statement with the matter; `guard` sees where it lives. */
    async listObjections(matterId: string, options?: GuardOptions<MatterRef>) {
      const found = await matterWithObjections(db, matterId)
      if (!found) throw notFound('matter', matterId)
      await runGuard(options, matterRef(found.row))
      const today = clock.today()
      return found.objections.map((row) => toObjection(row, today))
    },

    /** 实施: starts only after the resolution disclosure has ended with no objection pending. */
    async recordImplementation(
      matterId: string,
      input: ImplementationInput,
      options?: GuardOptions<MatterRef>,
    ) {
      const county = await matterCounty(matterId)
      return db.transaction(async (tx) => {
        const found = await locked(tx, county, matterId, options)
        const context = await matterContext(tx, found.row)
        const latest =
          context.latestResolutionUntil === null ? null : { until: context.latestResolutionUntil }
        checkImplementation(found.row, input, latest, context.pendingObjections)
        await updateMatter(tx, found.row, { implementation: input.status })
        return { matterId, implementation: input.status, on: input.on }
      })
    },

    /** 晒村务: a village's matter disclosures, without personal data, in one statement. */
    async publicDisclosures(villageCode: string) {
      const rows = await villageDisclosures(db, villageCode)
      return rows.map(({ disclosure, matter, objections }) => ({
        id: disclosure.id,
        matterId: matter.id,
        title: matter.title,
        category: matter.category,
        state: matter.state,
        kind: disclosure.kind,
        channels: JSON.parse(disclosure.channels) as string[],
        from: disclosure.from,
        until: disclosure.until,
        objections: objections.map((o) => ({
          submittedOn: o.submittedOn,
          outcome: o.outcome,
          respondedOn: o.respondedOn,
        })),
      }))
    },
  }
}
