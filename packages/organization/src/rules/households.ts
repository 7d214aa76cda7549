import { OrganizationError } from '../errors.js'

/**
 * 户 and the villagers' roster, pure. The villagers' meeting is of villagers aged 18 or over
 * (组织法 Art. 21); age follows from the birth date, which a 居民身份证号码 carries (GB 11643,
 * characters 7–14), so minors are never on the roster.
 */

/** The birth date an 18-character ID number carries, or null when those digits are not a real date. */
export function birthDateOfIdNumber(idNumber: string): string | null {
  const digits = idNumber.slice(6, 14)
  if (!/^[0-9]{8}$/.test(digits)) return null
  const date = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`
  const parsed = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null
}

/**
 * The birth date to record: the one the ID number carries, which a stated birth date must match
 * (a person has one birth date; a mismatch is a typing error in one of them).
 */
export function recordedBirthDate(input: { idNumber?: string; birthDate?: string }): string | null {
  const carried = input.idNumber ? birthDateOfIdNumber(input.idNumber) : null
  if (carried && input.birthDate && carried !== input.birthDate) {
    throw new OrganizationError(
      'organization.birth_date_mismatch',
      `the ID number carries the birth date ${carried}, not ${input.birthDate}`,
      { field: 'birthDate', context: { carried, given: input.birthDate } },
    )
  }
  return carried ?? input.birthDate ?? null
}

/**
 * 年满十八周岁 on `day`: the 18th birthday is on or before the day (the day itself counts, as
 * voter registration counts it up to the election day). A 29 February birthday is reached on
 * 1 March in a common year: the string comparison does exactly that.
 */
export function isAdultOn(birthDate: string, day: string): boolean {
  const year = Number(birthDate.slice(0, 4)) + 18
  return `${String(year).padStart(4, '0')}${birthDate.slice(4)}` <= day
}

export interface VillagerRecord {
  id: string
  birthDate: string | null
}

export interface HouseholdOnDay {
  id: string
  number: string | null
  headPersonId: string
  members: string[]
}

export interface VillagersRoster {
  /** People of the village aged 18+ on the day: the villagers' meeting. */
  adults: string[]
  /** People of the village without a recorded birth date: never on the roster, counted apart. */
  unknownAge: string[]
  minors: number
  /** Households valid on the day with a member then; `adults` are the members who may represent it. */
  households: {
    id: string
    number: string | null
    headPersonId: string
    members: string[]
    adults: string[]
  }[]
}

/** The roster of a villagers' meeting on `day` from the people and households on record. */
export function villagersRoster(
  people: readonly VillagerRecord[],
  households: readonly HouseholdOnDay[],
  day: string,
): VillagersRoster {
  const adults = new Set<string>()
  const unknownAge: string[] = []
  let minors = 0
  for (const person of people) {
    if (person.birthDate === null) unknownAge.push(person.id)
    else if (isAdultOn(person.birthDate, day)) adults.add(person.id)
    else minors++
  }
  return {
    adults: [...adults],
    unknownAge,
    minors,
    households: households
      .filter((h) => h.members.length > 0)
      .map((h) => ({ ...h, adults: h.members.filter((id) => adults.has(id)) })),
  }
}

/** One household per person at a time: `clashes` are the person's memberships sharing a day. */
export function checkHouseholdMembership(clashes: readonly { householdId: string; from: string }[]): void {
  const [first] = clashes
  if (first) {
    throw new OrganizationError(
      'organization.household_member_overlaps',
      `the person belongs to household ${first.householdId} from ${first.from} then`,
      { field: 'personId', context: { householdId: first.householdId } },
    )
  }
}

/** Household members are people of the household's village (户籍 in the village). */
export function checkMemberVillage(
  person: { id: string; villageCode: string },
  villageCode: string,
  field: string,
): void {
  if (person.villageCode !== villageCode) {
    throw new OrganizationError(
      'organization.member_of_other_village',
      `${person.id} is registered in ${person.villageCode}, not ${villageCode}`,
      { field, context: { personVillageCode: person.villageCode } },
    )
  }
}

/** A membership ends on or after it began, once. */
export function checkEndHouseholdMember(current: { from: string; to: string | null }, to: string): void {
  if (to < current.from) {
    throw new OrganizationError('organization.end_before_start', `membership began on ${current.from}`, {
      field: 'to',
    })
  }
}
