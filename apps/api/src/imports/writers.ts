import { DomainError } from '@liancun/core'
import { IMPORT_MAX_LINES, IMPORT_MAX_VOUCHERS } from '@liancun/ledger'
import type {
  AddPartyMemberInput,
  AddRepresentativeInput,
  AppointVillagePostInput,
  CreatePersonInput,
} from '@liancun/organization'
import type { Services } from '../services.js'
import type { RowError } from './errors.js'
import type { CheckedPerson } from './people.js'
import type { CheckedRosterRow, PersonRef, RosterTarget } from './rosters.js'
import { type CheckedVoucher, VOUCHER_FIELD_COLUMN, type VoucherColumnKey } from './vouchers.js'

/**
 * Writing a checked file through the domain services, inside the job's one transaction. Each row
 * (or voucher) that the service refuses is rolled back to its savepoint and reported, and the
 * writing goes on, so one pass finds every refusal; the runner then rolls the whole transaction
 * back unless nothing was refused. Only DomainErrors are row errors; anything else fails the job.
 */
export interface ResultItem {
  /** The (first) spreadsheet row the record came from. */
  row: number
  id: string
  label?: string
}

export interface WriteContext {
  services: Services
  /** Called after each written record with the count so far (the runner throttles). */
  progress: (written: number) => Promise<void>
  /** Throws when the server is stopping. */
  checkAborted: () => void
  heading: (key: string) => string
}

export interface Written {
  items: ResultItem[]
  errors: RowError[]
}

async function refusal<T>(work: () => Promise<T>): Promise<{ ok: T } | { refused: DomainError }> {
  try {
    return { ok: await work() }
  } catch (error) {
    if (DomainError.isInstance(error)) return { refused: error }
    throw error
  }
}

/** Chunks the ledger's import accepts in one call, in date order (file order within a day). */
export function voucherChunks(vouchers: readonly CheckedVoucher[]): CheckedVoucher[][] {
  const sorted = vouchers
    .map((voucher, index) => ({ voucher, index }))
    .sort((a, b) =>
      a.voucher.input.date < b.voucher.input.date
        ? -1
        : a.voucher.input.date > b.voucher.input.date
          ? 1
          : a.index - b.index,
    )
    .map(({ voucher }) => voucher)
  const chunks: CheckedVoucher[][] = []
  let current: CheckedVoucher[] = []
  let lines = 0
  for (const voucher of sorted) {
    const size = voucher.input.lines.length
    if (current.length === IMPORT_MAX_VOUCHERS || lines + size > IMPORT_MAX_LINES) {
      chunks.push(current)
      current = []
      lines = 0
    }
    current.push(voucher)
    lines += size
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}

/** A refusal of the ledger (`vouchers.0.lines.1.account`) → the row of that line and its column. */
export function voucherRowError(
  voucher: CheckedVoucher,
  error: DomainError,
  heading: (key: string) => string,
): RowError {
  const path = (error.field ?? '').split('.')
  const line = path[2] === 'lines' && path[3] !== undefined ? Number(path[3]) : null
  const key = VOUCHER_FIELD_COLUMN[path.at(-1) ?? ''] as VoucherColumnKey | undefined
  return {
    row: (line !== null ? voucher.rows[line] : undefined) ?? voucher.rows[0]!,
    column: key ? heading(key) : null,
    rule: error.code,
    message: error.message,
  }
}

export async function writeVouchers(
  ctx: WriteContext,
  target: { ledgerId: string; keyId: string },
  vouchers: readonly CheckedVoucher[],
): Promise<Written> {
  const ledger = ctx.services.ledger
  const items: ResultItem[] = []
  const errors: RowError[] = []
  const record = (voucher: CheckedVoucher, written: { id: string; label: string | null }) =>
    items.push({ row: voucher.rows[0]!, id: written.id, label: written.label ?? '' })
  for (const chunk of voucherChunks(vouchers)) {
    ctx.checkAborted()
    const all = await refusal(() =>
      ledger.importVouchers(
        target.ledgerId,
        chunk.map((v) => v.input),
        target.keyId,
      ),
    )
    if ('ok' in all) {
      // importVouchers answers in date order, as the chunk is sorted.
      for (const [i, written] of all.ok.entries()) record(chunk[i]!, written)
      await ctx.progress(items.length)
      continue
    }
    // Something in this chunk is refused: one voucher at a time, to name every refused one.
    for (const voucher of chunk) {
      ctx.checkAborted()
      const one = await refusal(() => ledger.importVouchers(target.ledgerId, [voucher.input], target.keyId))
      if ('ok' in one) record(voucher, one.ok[0]!)
      else errors.push(voucherRowError(voucher, one.refused, ctx.heading))
      await ctx.progress(items.length)
    }
  }
  return { items, errors }
}

const PEOPLE_FIELDS: Record<string, string> = {
  name: 'name',
  gender: 'gender',
  birthDate: 'birthDate',
  phone: 'phone',
  idNumber: 'idNumber',
}

export async function writePeople(ctx: WriteContext, people: readonly CheckedPerson[]): Promise<Written> {
  const items: ResultItem[] = []
  const errors: RowError[] = []
  for (const person of people) {
    ctx.checkAborted()
    const created = await refusal(() =>
      ctx.services.organization.createPerson(person.input as CreatePersonInput),
    )
    if ('ok' in created) items.push({ row: person.row, id: created.ok.id, label: created.ok.name })
    else {
      const key = PEOPLE_FIELDS[created.refused.field ?? '']
      errors.push({
        row: person.row,
        column: key ? ctx.heading(key) : null,
        rule: created.refused.code,
        message: created.refused.message,
      })
    }
    await ctx.progress(items.length)
  }
  return { items, errors }
}

/** Names of the village's people → their ids, read once (all pages) when a row names no id. */
async function peopleByName(services: Services, villageCode: string): Promise<Map<string, string[]>> {
  const byName = new Map<string, string[]>()
  let after: string | null = null
  do {
    const page = await services.organization.listPeople({ villageCode, limit: 1000, after })
    for (const person of page.items) byName.set(person.name, [...(byName.get(person.name) ?? []), person.id])
    after = page.nextCursor === null ? null : (page.items.at(-1)?.id ?? null)
  } while (after !== null)
  return byName
}

/** The person of a row: by 人员ID (its name must match), or by a name unique in the village. */
async function resolvePerson(
  services: Services,
  countyCode: string,
  ref: PersonRef,
  byName: () => Promise<Map<string, string[]>>,
): Promise<{ id: string } | { rule: string; column: 'personId' | 'name'; message: string }> {
  if (ref.personId) {
    const found = await refusal(() => services.organization.getPerson(ref.personId!, countyCode))
    if ('refused' in found)
      return { rule: found.refused.code, column: 'personId', message: found.refused.message }
    if (found.ok.name !== ref.name) {
      return {
        rule: 'person_name_mismatch',
        column: 'name',
        message: 'the 人员ID belongs to a person of another name',
      }
    }
    return { id: found.ok.id }
  }
  const ids = (await byName()).get(ref.name) ?? []
  if (ids.length === 1) return { id: ids[0]! }
  return ids.length === 0
    ? {
        rule: 'person_not_found',
        column: 'name',
        message: 'no person of the village has this name; import the people first',
      }
    : {
        rule: 'person_ambiguous',
        column: 'personId',
        message: `${ids.length} people of the village have this name: give the 人员ID`,
      }
}

export async function writeRoster(
  ctx: WriteContext,
  target: { kind: RosterTarget; villageCode: string },
  rows: readonly CheckedRosterRow<unknown>[],
): Promise<Written> {
  const org = ctx.services.organization
  const countyCode = target.villageCode.slice(0, 6)
  let names: Promise<Map<string, string[]>> | null = null
  const byName = () => (names ??= peopleByName(ctx.services, target.villageCode))
  const items: ResultItem[] = []
  const errors: RowError[] = []
  for (const row of rows) {
    ctx.checkAborted()
    const person = await resolvePerson(ctx.services, countyCode, row.person, byName)
    if (!('id' in person)) {
      errors.push({
        row: row.row,
        column: ctx.heading(person.column),
        rule: person.rule,
        message: person.message,
      })
      continue
    }
    const input = row.input(person.id)
    const written = await refusal(async () => {
      if (target.kind === 'party-members') {
        await org.addPartyMember(target.villageCode, input as AddPartyMemberInput)
        return person.id
      }
      if (target.kind === 'representatives') {
        await org.addRepresentative(target.villageCode, input as AddRepresentativeInput)
        return person.id
      }
      return (await org.appointVillagePost(target.villageCode, input as AppointVillagePostInput)).id
    })
    if ('ok' in written) items.push({ row: row.row, id: written.ok, label: row.person.name })
    else {
      const field = (written.refused.field ?? '').split('.')[0] ?? ''
      errors.push({
        row: row.row,
        column: field ? ctx.heading(field === 'excusal' ? 'from' : field) : null,
        rule: written.refused.code,
        message: written.refused.message,
      })
    }
    await ctx.progress(items.length)
  }
  return { items, errors }
}
