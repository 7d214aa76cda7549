import { addDays, type Database, daysBetween, newId } from '@liancun/core'
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm'
import type {
  CreateMatterDisclosureInput,
  CreateObjectionInput,
  ImplementationInput,
  RespondObjectionInput,
} from './inputs.js'
import { GovernanceError } from './matters.js'
import type { GovernanceRuleSet } from './rules/rule-set.js'
import { matterDisclosures, matters, objections } from './schema.js'

type ObjectionRow = typeof objections.$inferSelect

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
    overdue:
      row.outcome === null ? today > row.dueOn : row.respondedOn !== null && row.respondedOn > row.dueOn,
  }
}

/** 两公开, objections and implementation of a matter. */
export function disclosureMethods(
  db: Database,
  today: () => string,
  /** Reads through `q` (the caller's transaction) so PGlite's one connection never waits on itself. */
  rulesFor: (village: string, day: string, q?: Database) => Promise<GovernanceRuleSet>,
) {
  async function lockMatter(tx: Database, id: string) {
    const [row] = await tx.select().from(matters).where(eq(matters.id, id)).for('update')
    if (!row)
      throw new GovernanceError('governance.matter_not_found', `no matter ${id}`, { kind: 'not_found' })
    return row
  }

  async function latestResolutionDisclosure(tx: Database, matter: { countyCode: string; id: string }) {
    const [row] = await tx
      .select()
      .from(matterDisclosures)
      .where(
        and(
          eq(matterDisclosures.countyCode, matter.countyCode),
          eq(matterDisclosures.matterId, matter.id),
          eq(matterDisclosures.kind, 'resolution'),
        ),
      )
      .orderBy(desc(matterDisclosures.createdAt))
      .limit(1)
    return row
  }

  return {
    /**
     * 决议公开 once resolved, lasting at least the configured days; 实施结果公开 once the
     * implementation is completed, which closes the matter.
     */
    async discloseMatter(matterId: string, input: CreateMatterDisclosureInput) {
      return db.transaction(async (tx) => {
        const matter = await lockMatter(tx, matterId)
        if (input.kind === 'resolution') {
          if (matter.state !== 'resolved') {
            throw new GovernanceError(
              'governance.not_resolved',
              `a resolution is disclosed once resolved; the matter is ${matter.state}`,
              { kind: 'rule' },
            )
          }
          const rules = await rulesFor(matter.villageCode, input.from, tx)
          const days = daysBetween(input.from, input.until) + 1
          if (days < rules.disclosureDays) {
            throw new GovernanceError(
              'governance.disclosure_too_short',
              `${days} day(s); at least ${rules.disclosureDays} required`,
              {
                kind: 'rule',
                field: 'until',
                context: { days, required: rules.disclosureDays },
              },
            )
          }
        } else if (matter.implementation !== 'completed') {
          throw new GovernanceError(
            'governance.not_implemented',
            'the result is disclosed after the implementation is completed',
            { kind: 'rule' },
          )
        }
        const [row] = await tx
          .insert(matterDisclosures)
          .values({
            countyCode: matter.countyCode,
            id: newId(),
            matterId,
            kind: input.kind,
            channels: JSON.stringify(input.channels),
            from: input.from,
            until: input.until,
          })
          .returning()
        if (input.kind === 'result') {
          await tx
            .update(matters)
            .set({ state: 'closed' })
            .where(and(eq(matters.countyCode, matter.countyCode), eq(matters.id, matterId)))
        }
        return {
          id: row!.id,
          matterId,
          kind: input.kind,
          channels: input.channels,
          from: input.from,
          until: input.until,
        }
      })
    },

    async objectTo(matterId: string, input: CreateObjectionInput) {
      return db.transaction(async (tx) => {
        const matter = await lockMatter(tx, matterId)
        const disclosure = await latestResolutionDisclosure(tx, matter)
        if (!disclosure || matter.state !== 'resolved') {
          throw new GovernanceError(
            'governance.nothing_disclosed',
            'objections answer a disclosed resolution',
            { kind: 'rule' },
          )
        }
        const rules = await rulesFor(matter.villageCode, input.submittedOn, tx)
        const [row] = await tx
          .insert(objections)
          .values({
            countyCode: matter.countyCode,
            id: newId(),
            matterId,
            submittedOn: input.submittedOn,
            content: input.content,
            dueOn: addDays(input.submittedOn, rules.objectionResponseDays),
          })
          .returning()
        return toObjection(row!, today())
      })
    },

    /** Answers an objection; an upheld one sends the matter back to consultation (两委商议). */
    async respondToObjection(objectionId: string, input: RespondObjectionInput) {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(objections).where(eq(objections.id, objectionId)).for('update')
        if (!row)
          throw new GovernanceError('governance.objection_not_found', `no objection ${objectionId}`, {
            kind: 'not_found',
          })
        if (row.outcome !== null)
          throw new GovernanceError('governance.objection_answered', `already ${row.outcome}`, {
            kind: 'conflict',
          })
        if (input.respondedOn < row.submittedOn) {
          throw new GovernanceError(
            'governance.response_before_objection',
            'a response comes after the objection',
            { kind: 'rule', field: 'respondedOn' },
          )
        }
        const [updated] = await tx
          .update(objections)
          .set({ outcome: input.outcome, respondedOn: input.respondedOn, response: input.response })
          .where(and(eq(objections.countyCode, row.countyCode), eq(objections.id, row.id)))
          .returning()
        if (input.outcome === 'upheld') {
          await tx
            .update(matters)
            .set({ state: 'consultation' })
            .where(and(eq(matters.countyCode, row.countyCode), eq(matters.id, row.matterId)))
        }
        return toObjection(updated!, today())
      })
    },

    async objectionMatter(objectionId: string): Promise<string> {
      const [row] = await db
        .select({ matterId: objections.matterId })
        .from(objections)
        .where(eq(objections.id, objectionId))
      if (!row)
        throw new GovernanceError('governance.objection_not_found', `no objection ${objectionId}`, {
          kind: 'not_found',
        })
      return row.matterId
    },

    async listObjections(matterId: string) {
      const rows = await db
        .select()
        .from(objections)
        .where(eq(objections.matterId, matterId))
        .orderBy(asc(objections.submittedOn))
      return rows.map((row) => toObjection(row, today()))
    },

    /** 实施: starts only after the resolution disclosure has ended with no objection pending. */
    async recordImplementation(matterId: string, input: ImplementationInput) {
      return db.transaction(async (tx) => {
        const matter = await lockMatter(tx, matterId)
        if (input.status === 'started') {
          const disclosure = await latestResolutionDisclosure(tx, matter)
          if (matter.state !== 'resolved' || !disclosure) {
            throw new GovernanceError(
              'governance.not_disclosed',
              'implementation starts after the resolution is disclosed',
              { kind: 'rule' },
            )
          }
          if (input.on <= disclosure.until) {
            throw new GovernanceError(
              'governance.disclosure_running',
              `the disclosure runs until ${disclosure.until}`,
              {
                kind: 'rule',
                field: 'on',
                context: { until: disclosure.until },
              },
            )
          }
          const pending = await tx
            .select({ id: objections.id })
            .from(objections)
            .where(
              and(
                eq(objections.countyCode, matter.countyCode),
                eq(objections.matterId, matterId),
                isNull(objections.outcome),
              ),
            )
          if (pending.length > 0) {
            throw new GovernanceError(
              'governance.objection_pending',
              `${pending.length} objection(s) await a response`,
              {
                kind: 'rule',
                context: { objections: pending.map((p) => p.id) },
              },
            )
          }
          if (matter.implementation !== 'none')
            throw new GovernanceError('governance.already_started', 'already started', { kind: 'conflict' })
        } else if (matter.implementation !== 'started') {
          throw new GovernanceError('governance.not_started', 'completion follows the start', {
            kind: 'rule',
          })
        }
        await tx
          .update(matters)
          .set({ implementation: input.status })
          .where(and(eq(matters.countyCode, matter.countyCode), eq(matters.id, matterId)))
        return { matterId, implementation: input.status, on: input.on }
      })
    },

    /** 晒村务: a village's matter disclosures, without personal data. */
    async publicDisclosures(villageCode: string) {
      const rows = await db
        .select({ disclosure: matterDisclosures, matter: matters })
        .from(matterDisclosures)
        .innerJoin(
          matters,
          and(
            eq(matters.countyCode, matterDisclosures.countyCode),
            eq(matters.id, matterDisclosures.matterId),
          ),
        )
        .where(and(eq(matters.countyCode, villageCode.slice(0, 6)), eq(matters.villageCode, villageCode)))
        .orderBy(desc(matterDisclosures.from))
      const objectionRows = rows.length
        ? await db
            .select()
            .from(objections)
            .where(inArray(objections.matterId, [...new Set(rows.map((r) => r.matter.id))]))
        : []
      return rows.map(({ disclosure, matter }) => ({
        id: disclosure.id,
        matterId: matter.id,
        title: matter.title,
        category: matter.category,
        state: matter.state,
        kind: disclosure.kind,
        channels: JSON.parse(disclosure.channels) as string[],
        from: disclosure.from,
        until: disclosure.until,
        objections: objectionRows
          .filter((o) => o.matterId === matter.id)
          .map((o) => ({ submittedOn: o.submittedOn, outcome: o.outcome, respondedOn: o.respondedOn })),
      }))
    },
  }
}
