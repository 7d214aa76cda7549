import { countyOfId, type Database } from '@liancun/core'
import { and, asc, eq, gt } from 'drizzle-orm'
import type { PersonRow } from '../outputs.js'
import { people } from '../schema.js'
import { byId, countyOfCode, readByOlderId } from './sql.js'

/** A person by (county, id): the county given or carried by the id; an older id by id alone. */
export async function findPerson(
  q: Database,
  id: string,
  countyCode?: string,
): Promise<PersonRow | undefined> {
  const county = countyCode ?? countyOfId(id)
  const [row] =
    county === null
      ? await readByOlderId(q, (d) => d.select().from(people).where(eq(people.id, id)))
      : await q
          .select()
          .from(people)
          .where(byId(people, id, county))
  return row
}

export async function findPersonIdByIdNumberHash(
  q: Database,
  countyCode: string,
  idNumberHash: string,
): Promise<string | undefined> {
  const [row] = await q
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.countyCode, countyCode), eq(people.idNumberHash, idNumberHash)))
  return row?.id
}

export async function insertPerson(q: Database, values: typeof people.$inferInsert): Promise<PersonRow> {
  const [row] = await q.insert(people).values(values).returning()
  return row!
}

export async function listPeopleOfVillage(
  q: Database,
  query: { villageCode: string; limit: number; after: string | null },
): Promise<PersonRow[]> {
  return q
    .select()
    .from(people)
    .where(
      and(
        eq(people.countyCode, countyOfCode(query.villageCode)),
        eq(people.villageCode, query.villageCode),
        query.after ? gt(people.id, query.after) : undefined,
      ),
    )
    .orderBy(asc(people.id))
    .limit(query.limit + 1)
}
