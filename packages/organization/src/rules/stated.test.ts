import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  checkJoinDate,
  checkLeave,
  checkPartnerJoin,
  checkVillageJoin,
  type MemberRange,
} from './alliance-membership.js'
import { firstOverlap, maxConcurrent } from './dated.js'
import {
  checkDivisionUpsert,
  divisionParent,
  requireDivisionOfKind,
  requireVillageRow,
  VILLAGE_KINDS,
} from './divisions.js'
import { hashIdNumber, maskIdNumber, maskPhone } from './personal-data.js'
import {
  checkAlliancePostClash,
  checkAlliancePostDate,
  checkPostEnd,
  checkVillagePostClash,
  checkVillagePostTitle,
  isSingleHolderTitle,
  isValidPostTitle,
  POST_TITLES,
  secretaryIsChair,
} from './posts.js'
import { partnerDuplicate, personDuplicate, requirePersonRow } from './records.js'
import {
  checkBecomeFull,
  checkEndMembership,
  checkExcusal,
  checkNewPartyMember,
  checkRepresentativeTerm,
  requireCurrentMembership,
  rosterCounts,
} from './roster.js'

/** The refusal as a client sees it: code, kind, field and context (the message is prose). */
const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    const { code, kind, field, context } = error as {
      code: string
      kind: string
      field?: string
      context: object
    }
    return { code, kind, field, context }
  }
  return null
}

describe('roster counts, on an asymmetric roster', () => {
  it('tells full from probationary and excused from present', () => {
    // 5 full (2 excused), 2 probationary (1 excused): no count equals another
    const entries = [
      ...Array.from({ length: 3 }, () => ({ status: 'full' as const, excused: false })),
      ...Array.from({ length: 2 }, () => ({ status: 'full' as const, excused: true })),
      { status: 'probationary' as const, excused: false },
      { status: 'probationary' as const, excused: true },
    ]
    expect(rosterCounts(entries)).toEqual({
      full: 5,
      probationary: 2,
      excused: 3,
      shouldAttend: 4,
      sanctioned: 0,
      fullVoting: 3,
    })
    expect(rosterCounts([])).toEqual({
      full: 0,
      probationary: 0,
      excused: 0,
      shouldAttend: 0,
      sanctioned: 0,
      fullVoting: 0,
    })
  })

  it('refuses with the field named', () => {
    expect(refusal(() => checkNewPartyMember([{}]))).toEqual({
      code: 'organization.party_member_exists',
      kind: 'conflict',
      field: 'personId',
      context: {},
    })
    expect(refusal(() => checkNewPartyMember([]))).toBeNull()
    expect(refusal(() => requireCurrentMembership(undefined, 'p', '370322104201'))?.code).toBe(
      'organization.party_member_not_found',
    )
    expect(requireCurrentMembership({ id: 1 }, 'p', '370322104201')).toEqual({ id: 1 })
    expect(
      refusal(() => checkBecomeFull({ status: 'full', from: '2024-01-01' }, '2025-01-01')),
    ).toMatchObject({
      code: 'organization.already_full_member',
      field: 'status',
    })
    // 转正 comes strictly after the probation began
    expect(
      refusal(() => checkBecomeFull({ status: 'probationary', from: '2024-01-01' }, '2024-01-01')),
    ).toMatchObject({ code: 'organization.end_before_start', field: 'from' })
    expect(
      refusal(() => checkBecomeFull({ status: 'probationary', from: '2024-01-01' }, '2024-01-02')),
    ).toBeNull()
    // membership may end on the day it began
    expect(refusal(() => checkEndMembership({ from: '2024-01-01' }, '2024-01-01'))).toBeNull()
    expect(refusal(() => checkEndMembership({ from: '2024-01-01' }, '2023-12-31'))).toMatchObject({
      code: 'organization.end_before_start',
      field: 'to',
    })
    expect(refusal(() => checkExcusal([{ from: '2024-02-01' }]))).toMatchObject({
      code: 'organization.excusal_overlaps',
      field: 'excusal.from',
    })
    expect(refusal(() => checkExcusal([]))).toBeNull()
    expect(refusal(() => checkRepresentativeTerm([{}]))).toMatchObject({
      code: 'organization.representative_term_overlaps',
      field: 'from',
    })
    expect(refusal(() => checkRepresentativeTerm([]))).toBeNull()
  })
})

describe('posts', () => {
  const post = (body: string, title: string, personId: string) => ({ body, title, personId })

  it('reports 一肩挑 only when the branch secretary is the committee chair', () => {
    expect(
      secretaryIsChair([post('party_branch', 'secretary', 'a'), post('village_committee', 'chair', 'a')]),
    ).toBe(true)
    // a committee member of the branch who chairs the committee is no 一肩挑
    expect(
      secretaryIsChair([
        post('party_branch', 'committee_member', 'a'),
        post('party_branch', 'secretary', 'b'),
        post('village_committee', 'chair', 'a'),
      ]),
    ).toBe(false)
    expect(
      secretaryIsChair([
        post('party_branch', 'secretary', 'a'),
        post('village_committee', 'vice_chair', 'a'),
      ]),
    ).toBe(false)
    expect(
      secretaryIsChair([post('party_branch', 'secretary', 'a'), post('supervision_committee', 'chair', 'a')]),
    ).toBe(false)
    expect(
      secretaryIsChair([
        post('village_committee', 'secretary', 'a'),
        post('village_committee', 'chair', 'a'),
      ]),
    ).toBe(false)
    expect(secretaryIsChair([post('village_committee', 'chair', 'a')])).toBe(false)
    expect(secretaryIsChair([])).toBe(false)
  })

  it('has each body’s own titles, and one holder only for secretary and chair', () => {
    expect(POST_TITLES).toEqual({
      party_branch: ['secretary', 'deputy_secretary', 'committee_member'],
      village_committee: ['chair', 'vice_chair', 'member'],
      supervision_committee: ['chair', 'member'],
    })
    expect(isValidPostTitle('party_branch', 'chair')).toBe(false)
    expect(isValidPostTitle('supervision_committee', 'chair')).toBe(true)
    expect(
      ['secretary', 'chair', 'deputy_secretary', 'vice_chair', 'member'].map(isSingleHolderTitle),
    ).toEqual([true, true, false, false, false])
    expect(refusal(() => checkVillagePostTitle('party_branch', 'chair'))).toEqual({
      code: 'organization.invalid_post_title',
      kind: 'invalid',
      field: 'title',
      context: {},
    })
    expect(refusal(() => checkVillagePostTitle('party_branch', 'secretary'))).toBeNull()
  })

  it('keeps one secretary or chair at a time and one post per person per body', () => {
    const held = [{ id: 'p1', title: 'chair', personId: 'a', from: '2021-01-01', to: '2023-12-31' }]
    expect(
      refusal(() =>
        checkVillagePostClash(
          '370322104201',
          { body: 'village_committee', title: 'chair', personId: 'b' },
          held,
        ),
      ),
    ).toEqual({
      code: 'organization.post_already_held',
      kind: 'rule',
      field: 'from',
      context: { postId: 'p1', personId: 'a' },
    })
    // many members at once
    const members = [{ id: 'p2', title: 'member', personId: 'a', from: '2021-01-01', to: null }]
    expect(
      refusal(() =>
        checkVillagePostClash(
          '370322104201',
          { body: 'village_committee', title: 'member', personId: 'b' },
          members,
        ),
      ),
    ).toBeNull()
    expect(
      refusal(() =>
        checkVillagePostClash(
          '370322104201',
          { body: 'village_committee', title: 'vice_chair', personId: 'a' },
          members,
        ),
      ),
    ).toEqual({
      code: 'organization.person_already_in_body',
      kind: 'rule',
      field: 'personId',
      context: { postId: 'p2' },
    })
    // a chair is free when only members hold posts
    expect(
      refusal(() =>
        checkVillagePostClash(
          '370322104201',
          { body: 'village_committee', title: 'chair', personId: 'b' },
          members,
        ),
      ),
    ).toBeNull()
  })

  it('ends a post once, on or after its start; starts alliance posts on or after the founding', () => {
    expect(refusal(() => checkPostEnd({ from: '2024-01-01', to: '2024-06-30' }, '2024-07-01'))?.code).toBe(
      'organization.post_already_ended',
    )
    expect(refusal(() => checkPostEnd({ from: '2024-01-01', to: null }, '2024-01-01'))).toBeNull()
    expect(refusal(() => checkPostEnd({ from: '2024-01-01', to: null }, '2023-12-31'))).toMatchObject({
      code: 'organization.end_before_start',
      field: 'to',
    })
    expect(refusal(() => checkAlliancePostDate({ establishedOn: '2024-01-01' }, '2024-01-01'))).toBeNull()
    expect(refusal(() => checkAlliancePostDate({ establishedOn: '2024-01-01' }, '2023-12-31'))).toMatchObject(
      {
        code: 'organization.post_before_establishment',
        field: 'from',
      },
    )
  })

  it('keeps one alliance secretary and one post per person', () => {
    const existing = [{ title: 'secretary', personId: 'a' }]
    expect(
      refusal(() => checkAlliancePostClash({ title: 'secretary', personId: 'b' }, existing)),
    ).toMatchObject({
      code: 'organization.post_already_held',
      field: 'from',
    })
    expect(
      refusal(() => checkAlliancePostClash({ title: 'deputy_secretary', personId: 'b' }, existing)),
    ).toBeNull()
    expect(
      refusal(() => checkAlliancePostClash({ title: 'deputy_secretary', personId: 'a' }, existing)),
    ).toMatchObject({
      code: 'organization.person_already_in_body',
      field: 'personId',
    })
    expect(
      refusal(() =>
        checkAlliancePostClash({ title: 'secretary', personId: 'b' }, [{ title: 'member', personId: 'a' }]),
      ),
    ).toBeNull()
  })
})

describe('dated ranges', () => {
  const r = (from: string, to: string | null) => ({ from, to })
  it('counts the most ranges valid on one day of the window', () => {
    const ranges = [
      r('2020-01-01', '2020-06-30'),
      r('2020-06-30', null),
      r('2020-07-01', '2020-12-31'),
      r('2019-01-01', '2019-12-31'),
    ]
    expect(maxConcurrent(ranges, r('2020-01-01', null))).toBe(2) // 06-30: first and second; 07-01: second and third
    expect(maxConcurrent(ranges, r('2020-07-01', '2020-07-31'))).toBe(2)
    expect(maxConcurrent(ranges, r('2021-01-01', null))).toBe(1)
    expect(maxConcurrent(ranges, r('2019-06-01', '2019-12-31'))).toBe(1)
    expect(maxConcurrent([], r('2020-01-01', null))).toBe(0)
    // a range that ends inside the window and one that starts later never count together
    expect(maxConcurrent([r('2020-01-01', '2020-03-31'), r('2020-04-01', null)], r('2020-02-01', null))).toBe(
      1,
    )
    // three ranges starting inside the window on different days
    expect(
      maxConcurrent(
        [r('2020-02-01', null), r('2020-03-01', null), r('2020-04-01', '2020-04-01')],
        r('2020-01-01', '2020-03-31'),
      ),
    ).toBe(2)
    expect(firstOverlap([r('2020-01-01', '2020-01-31')], r('2020-02-01', null))).toBeUndefined()
  })
})

describe('alliance membership', () => {
  const alliance = { id: 'a', countyCode: '370322', form: '1+1', establishedOn: '2019-01-01' }
  const village = { code: '370322104203', name: '西村', countyCode: '370322' }
  const m = (
    villageCode: string | null,
    role: string,
    from: string,
    to: string | null = null,
    partnerId: string | null = null,
  ): MemberRange => ({
    villageCode,
    partnerId,
    role,
    from,
    to,
  })
  const join = (members: MemberRange[], extra: object = {}) =>
    refusal(() =>
      checkVillageJoin({
        alliance,
        village,
        villageMemberships: [],
        members,
        input: { role: 'member', from: '2024-01-01' },
        ...extra,
      }),
    )

  it('keeps a 1+1 alliance to two villages at a time, partners not counted', () => {
    expect(join([m('370322104201', 'lead', '2019-01-01')])).toBeNull()
    expect(
      join([m('370322104201', 'lead', '2019-01-01'), m(null, 'member', '2019-01-01', null, 'p1')]),
    ).toBeNull()
    expect(
      join([m('370322104201', 'lead', '2019-01-01'), m('370322104202', 'member', '2019-01-01')]),
    ).toEqual({
      code: 'organization.one_plus_one_size',
      kind: 'rule',
      field: 'villageCode',
      context: {},
    })
    // a village that left before the new one joins frees its place
    expect(
      join([
        m('370322104201', 'lead', '2019-01-01'),
        m('370322104202', 'member', '2019-01-01', '2023-12-31'),
      ]),
    ).toBeNull()
    // other forms take more villages
    expect(
      refusal(() =>
        checkVillageJoin({
          alliance: { ...alliance, form: null },
          village,
          villageMemberships: [],
          members: [m('370322104201', 'lead', '2019-01-01'), m('370322104202', 'member', '2019-01-01')],
          input: { role: 'member', from: '2024-01-01' },
        }),
      ),
    ).toBeNull()
  })

  it('keeps one lead village at a time, naming the role', () => {
    const lead = { input: { role: 'lead', from: '2024-01-01' } }
    expect(join([m('370322104201', 'lead', '2019-01-01')], lead)).toEqual({
      code: 'organization.lead_already_set',
      kind: 'rule',
      field: 'role',
      context: {},
    })
    expect(join([m('370322104201', 'lead', '2019-01-01', '2023-12-31')], lead)).toBeNull()
    expect(join([m('370322104201', 'member', '2019-01-01')], lead)).toBeNull()
    // a partner with the role "lead" is no lead village
    expect(join([m(null, 'lead', '2019-01-01', null, 'p1')], lead)).toBeNull()
  })

  it('names the other alliance of a village, or that it is already a member', () => {
    const other = { member: { allianceId: 'b', from: '2020-01-01', to: null }, allianceName: '东联' }
    expect(join([], { villageMemberships: [other] })).toEqual({
      code: 'organization.village_in_other_alliance',
      kind: 'rule',
      field: 'villageCode',
      context: { otherAllianceId: 'b', otherAllianceName: '东联' },
    })
    const same = { member: { allianceId: 'a', from: '2020-01-01', to: null }, allianceName: '本联' }
    expect(join([], { villageMemberships: [same] })).toMatchObject({
      code: 'organization.already_member',
      field: 'villageCode',
    })
    const ended = { member: { allianceId: 'b', from: '2020-01-01', to: '2023-12-31' }, allianceName: '东联' }
    expect(join([], { villageMemberships: [ended] })).toBeNull()
    expect(join([], { village: { ...village, countyCode: '370323' } })).toMatchObject({
      code: 'organization.member_outside_county',
      field: 'villageCode',
    })
  })

  it('lets a partner of the county join once at a time, and a member leave once, not before joining', () => {
    const partnerJoin = (members: MemberRange[], countyCode = '370322') =>
      refusal(() =>
        checkPartnerJoin({ alliance, partner: { id: 'p1', countyCode }, members, from: '2024-01-01' }),
      )
    expect(partnerJoin([])).toBeNull()
    expect(partnerJoin([], '370323')).toMatchObject({
      code: 'organization.member_outside_county',
      field: 'partnerId',
    })
    expect(partnerJoin([m(null, 'member', '2020-01-01', null, 'p1')])).toMatchObject({
      code: 'organization.already_member',
      field: 'partnerId',
    })
    expect(partnerJoin([m(null, 'member', '2020-01-01', null, 'p2')])).toBeNull()
    expect(partnerJoin([m(null, 'member', '2020-01-01', '2023-12-31', 'p1')])).toBeNull()
    expect(refusal(() => checkLeave({ from: '2024-01-01', to: '2024-02-01' }, '2024-03-01'))?.code).toBe(
      'organization.member_already_left',
    )
    expect(refusal(() => checkLeave({ from: '2024-01-01', to: null }, '2024-01-01'))).toBeNull()
    expect(refusal(() => checkLeave({ from: '2024-01-01', to: null }, '2023-12-31'))).toMatchObject({
      code: 'organization.end_before_start',
      field: 'to',
    })
  })
})

describe('divisions', () => {
  it('hangs each kind under its parent, refusing a code of the wrong length', () => {
    expect(divisionParent('370322', 'county')).toBeNull()
    expect(divisionParent('370322104', 'township')).toEqual({ parentCode: '370322', parentKind: 'county' })
    expect(divisionParent('370322104201', 'community')).toEqual({
      parentCode: '370322104',
      parentKind: 'township',
    })
    expect(refusal(() => divisionParent('370322104', 'county'))).toEqual({
      code: 'organization.division_kind_mismatch',
      kind: 'invalid',
      field: 'kind',
      context: { code: '370322104', kind: 'county' },
    })
  })

  it('needs the parent recorded with the expected kind, and keeps an existing kind', () => {
    const expected = { parentCode: '370322', parentKind: 'county' }
    expect(
      refusal(() =>
        checkDivisionUpsert('370322104', 'township', { expected, found: { kind: 'township' } }, undefined),
      ),
    ).toEqual({
      code: 'organization.parent_division_missing',
      kind: 'rule',
      field: 'code',
      context: { parentCode: '370322' },
    })
    expect(
      refusal(() => checkDivisionUpsert('370322104', 'township', { expected, found: undefined }, undefined))
        ?.code,
    ).toBe('organization.parent_division_missing')
    expect(
      refusal(() =>
        checkDivisionUpsert('370322104', 'township', { expected, found: { kind: 'county' } }, undefined),
      ),
    ).toBeNull()
    expect(
      refusal(() =>
        checkDivisionUpsert('370322', 'county', { expected: null, found: undefined }, { kind: 'township' }),
      ),
    ).toMatchObject({
      code: 'organization.division_kind_change',
      field: 'kind',
    })
    expect(
      refusal(() =>
        checkDivisionUpsert('370322', 'county', { expected: null, found: undefined }, { kind: 'county' }),
      ),
    ).toBeNull()
  })

  it('finds villages and communities only, and divisions of the asked kind', () => {
    expect(VILLAGE_KINDS).toEqual(['village', 'community'])
    expect(requireVillageRow('370322104201', { kind: 'community' })).toEqual({ kind: 'community' })
    expect(
      refusal(() => requireVillageRow('370322104', { kind: 'township' }, 'members.0.villageCode')),
    ).toEqual({
      code: 'organization.division_not_found',
      kind: 'not_found',
      field: 'members.0.villageCode',
      context: { code: '370322104' },
    })
    expect(refusal(() => requireVillageRow('370322104201', undefined))?.field).toBe('villageCode')
    expect(requireDivisionOfKind('370322', { kind: 'county' }, 'county', 'countyCode')).toEqual({
      kind: 'county',
    })
    expect(
      refusal(() => requireDivisionOfKind('370322', { kind: 'township' }, 'county', 'countyCode')),
    ).toMatchObject({
      code: 'organization.division_not_found',
      field: 'countyCode',
    })
  })
})

describe('records and personal data', () => {
  it('names what is missing or registered twice', () => {
    expect(refusal(() => requirePersonRow(undefined, 'p1'))).toMatchObject({
      field: 'personId',
      context: { id: 'p1' },
    })
    expect(requirePersonRow({ id: 'p1' }, 'p1')).toEqual({ id: 'p1' })
    expect(personDuplicate('p9')).toMatchObject({
      code: 'organization.person_duplicate',
      field: 'idNumber',
      context: { existingPersonId: 'p9' },
    })
    expect(personDuplicate().context).toEqual({})
    expect(partnerDuplicate('91110000600037341L', 'x')).toMatchObject({
      code: 'organization.partner_duplicate',
      field: 'uscc',
      context: { existingPartnerId: 'x' },
    })
  })

  it('masks phones and ID numbers, and hashes ID numbers with the key, case-blind', () => {
    expect(maskPhone('138-1234-5678')).toBe('138****5678')
    expect(maskPhone('12812345678')).toBe('****5678') // no mobile starts 12
    expect(maskPhone('1381234567')).toBe('****4567') // ten digits is no mobile
    expect(maskPhone('138123456789')).toBe('****6789')
    expect(maskIdNumber(null)).toBeNull()
    expect(maskIdNumber('1234')).toBe('**************1234')
    const expected = createHmac('sha256', 'k').update('37032219800101001X').digest('hex')
    expect(hashIdNumber('37032219800101001x', 'k')).toBe(expected)
    expect(hashIdNumber('37032219800101001X', 'other')).not.toBe(expected)
  })
})

describe('boundaries, stated once more', () => {
  const r = (from: string, to: string | null) => ({ from, to })
  it('counts a range on its last day, when another starts that day', () => {
    expect(
      maxConcurrent([r('2020-01-01', '2020-06-30'), r('2020-06-30', '2020-06-30')], r('2020-01-01', null)),
    ).toBe(2)
  })

  it('keeps one alliance secretary among several posts, and finds a person among several', () => {
    const existing = [
      { title: 'secretary', personId: 'a' },
      { title: 'member', personId: 'b' },
    ]
    expect(refusal(() => checkAlliancePostClash({ title: 'secretary', personId: 'c' }, existing))?.code).toBe(
      'organization.post_already_held',
    )
    expect(refusal(() => checkAlliancePostClash({ title: 'member', personId: 'b' }, existing))?.code).toBe(
      'organization.person_already_in_body',
    )
  })

  it('masks only a whole mobile number as one, refuses a missing division, names the join date', () => {
    expect(maskPhone('913812345678')).toBe('****5678')
    expect(refusal(() => requireDivisionOfKind('370322', undefined, 'county', 'countyCode'))).toMatchObject({
      code: 'organization.division_not_found',
      field: 'countyCode',
    })
    expect(refusal(() => checkJoinDate({ establishedOn: '2019-01-01' }, '2018-12-31'))).toMatchObject({
      code: 'organization.member_before_establishment',
      field: 'from',
    })
  })
})
