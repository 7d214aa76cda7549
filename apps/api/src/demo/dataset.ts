/**
 * The 淄博 demo dataset: the alliances that seed 001 (淄博 联村党建 practice) names, with their
 * modes, townships, member villages and partners. County codes are the real 统计用区划代码 of
 * 淄博's districts and counties; township and village codes, village figures not given in the
 * text, people and dates not given in the text are illustrative, and each alliance's note says
 * which of its facts come from the seed.
 */
export interface DemoDivision {
  code: string
  name: string
  kind: 'county' | 'township' | 'village' | 'community'
  population?: number
  households?: number
  adults?: number
}
export interface DemoPartner {
  key: string
  name: string
  kind:
    | 'enterprise'
    | 'public_institution'
    | 'agency'
    | 'urban_community'
    | 'social_organization'
    | 'cooperative'
  countyCode: string
  uscc?: string
}
export interface DemoPerson {
  key: string
  name: string
  villageCode: string
  gender?: 'male' | 'female'
}
export interface DemoVillagePost {
  villageCode: string
  body: 'party_branch' | 'village_committee' | 'supervision_committee'
  title: string
  personKey: string
  from: string
}
export interface DemoAllianceMember {
  villageCode?: string
  partnerKey?: string
  role: 'lead' | 'member'
  from: string
}
export interface DemoAlliancePost {
  personKey: string
  title: 'secretary' | 'deputy_secretary' | 'committee_member'
  source: 'township_cadre' | 'member_village_secretary' | 'partner_leader' | 'other'
  from: string
}
export interface DemoAlliance {
  key: string
  name: string
  townshipCode: string
  mode: 'strong_leads_weak' | 'mutual_aid' | 'village_enterprise' | 'urban_rural'
  form?: '1+1' | '1+N'
  level: 'party_committee' | 'general_branch' | 'branch' | 'league'
  establishedOn: string
  note: string
  members: DemoAllianceMember[]
  posts: DemoAlliancePost[]
}
export interface DemoDataset {
  source: string
  codesNote: string
  divisions: DemoDivision[]
  partners: DemoPartner[]
  people: DemoPerson[]
  villagePosts: DemoVillagePost[]
  alliances: DemoAlliance[]
}

const counties: DemoDivision[] = [
  { code: '370302', name: '淄川区', kind: 'county' },
  { code: '370304', name: '博山区', kind: 'county' },
  { code: '370305', name: '临淄区', kind: 'county' },
  { code: '370322', name: '高青县', kind: 'county' },
  { code: '370323', name: '沂源县', kind: 'county' },
]

/** Townships used by the alliances; codes illustrative. */
const townships = {
  yanya: { code: '370323104', name: '燕崖镇' },
  nanlushan: { code: '370323105', name: '南鲁山镇' },
  dongli: { code: '370323106', name: '东里镇' },
  boshan: { code: '370304104', name: '博山镇' },
  yucheng: { code: '370304105', name: '域城镇' },
  tangfang: { code: '370322104', name: '唐坊镇' },
  changjia: { code: '370322105', name: '常家镇' },
  heilizhai: { code: '370322106', name: '黑里寨镇' },
  qingcheng: { code: '370322107', name: '青城镇' },
  zhutai: { code: '370305104', name: '朱台镇' },
  longquan: { code: '370302104', name: '龙泉镇' },
} as const

type TownshipKey = keyof typeof townships

/** Villages per township in code order: [name, population, households]. Unknown figures are illustrative. */
const villagesByTownship: Record<TownshipKey, [string, number, number][]> = {
  yanya: [
    ['朱家户村', 860, 280],
    ['石井河村', 520, 170],
    ['姚南峪村', 410, 135],
    ['桑家峪村', 380, 126],
    ['燕崖村', 690, 220],
  ],
  nanlushan: [
    ['北流水村', 1280, 410],
    ['东流水村', 540, 180],
    ['南流水村', 470, 150],
    ['车场村', 390, 128],
  ],
  dongli: [
    ['下柳沟村', 610, 200],
    ['梅家坡村', 450, 150],
    ['东里东村', 980, 320],
    ['凤驿村', 720, 235],
    ['上柳沟村', 430, 140],
    ['石桥村', 560, 185],
    ['河北村', 640, 210],
    ['西里村', 350, 115],
  ],
  boshan: [
    ['上瓦泉村', 1150, 380],
    ['中瓦泉村', 620, 205],
    ['下瓦泉村', 580, 190],
    ['岳东村', 470, 155],
    ['西岭村', 440, 146],
    ['南峪村', 520, 172],
    ['北岭村', 360, 120],
    ['东峪村', 490, 160],
    ['青杨村', 280, 95],
  ],
  yucheng: [
    ['姚家峪村', 760, 250],
    ['岭西村', 680, 225],
    ['和尚房村', 520, 170],
    ['中石门村', 450, 150],
    ['上结老峪村', 330, 110],
    ['下结老峪村', 410, 136],
    ['柳杭村', 590, 195],
    ['响泉村', 470, 156],
    ['沟泉村', 380, 125],
  ],
  tangfang: [
    ['仇家村', 820, 260],
    ['和店村', 430, 140],
    ['李孟德村', 610, 190],
    ['唐坊村', 1460, 470],
  ],
  changjia: [
    ['蓑衣樊村', 1320, 380],
    ['前街村', 960, 270],
    ['后街村', 880, 250],
    ['大马村', 850, 245],
    ['小马村', 720, 205],
    ['东马村', 800, 230],
    ['常家村', 770, 220],
  ],
  heilizhai: [
    ['郭王村', 760, 245],
    ['齐泽村', 690, 225],
    ['齐东村', 540, 175],
    ['禹王赵村', 610, 200],
  ],
  qingcheng: [
    ['青平一村', 420, 62],
    ['青平二村', 390, 58],
    ['青平三村', 360, 55],
    ['青平四村', 450, 66],
    ['青平五村', 310, 48],
    ['青平六村', 330, 50],
    ['青平七村', 470, 70],
    ['青平八村', 290, 45],
    ['青平九村', 380, 56],
    ['青平十村', 340, 52],
    ['青平十一村', 400, 60],
    ['青平十二村', 320, 49],
    ['青平十三村', 350, 54],
    ['青平十四村', 300, 46],
    ['青平十五村', 410, 55],
  ],
  zhutai: [
    ['王营村', 1350, 430],
    ['张旺村', 640, 205],
  ],
  longquan: [
    ['台头村', 1020, 330],
    ['龙泉村', 880, 285],
    ['圈子村', 560, 180],
    ['渭一村', 740, 240],
    ['渭二村', 690, 225],
    ['渭三村', 620, 200],
    ['东坪村', 480, 158],
    ['西坪村', 450, 148],
    ['北沈村', 300, 98],
  ],
}

/** Village code: township code + 2xx in list order (illustrative). */
const villageCode = (township: TownshipKey, name: string): string => {
  const index = villagesByTownship[township].findIndex(([n]) => n === name)
  if (index < 0) throw new Error(`demo dataset: no village ${name} in ${township}`)
  return `${townships[township].code}${String(201 + index)}`
}

const villages: DemoDivision[] = Object.entries(villagesByTownship).flatMap(([key, list]) =>
  list.map(([name, population, households]) => ({
    code: villageCode(key as TownshipKey, name),
    name,
    kind: 'village' as const,
    population,
    households,
    adults: Math.round(population * 0.78),
  })),
)

const members = (
  township: TownshipKey,
  from: string,
  lead: string | null,
  names: string[],
): DemoAllianceMember[] =>
  names.map((name) => ({
    villageCode: villageCode(township, name),
    role: name === lead ? 'lead' : 'member',
    from,
  }))

const secretary = (
  personKey: string,
  from: string,
  source: DemoAlliancePost['source'] = 'township_cadre',
) => [{ personKey, title: 'secretary' as const, source, from }]

const wangying = villageCode('zhutai', '王营村')
const zhangwang = villageCode('zhutai', '张旺村')

export const demoDataset: DemoDataset = {
  source: 'seed 001: 淄博市 联村党建 practice (alliance modes, 三不变·三独立·三集中, figures)',
  codesNote:
    'County codes are real 统计用区划代码 (淄川区 370302, 博山区 370304, 临淄区 370305, 高青县 370322, 沂源县 370323); ' +
    'township and village codes, populations not stated in seed 001, people, USCCs and unstated dates are illustrative.',
  divisions: [
    ...counties,
    ...Object.values(townships).map((t) => ({ code: t.code, name: t.name, kind: 'township' as const })),
    ...villages,
  ],
  partners: [
    { key: 'newland', name: '纽澜地公司', kind: 'enterprise', countyCode: '370322' },
    {
      key: 'hualv',
      name: '山东华旅旅游发展股份有限公司',
      kind: 'enterprise',
      countyCode: '370304',
      // Illustrative, with a deliberately wrong check character: it is recorded with a warning.
      uscc: '91370304MA3C4D5E71',
    },
    {
      key: 'longquan-agri',
      name: '龙泉镇联建农业开发公司（示例）',
      kind: 'enterprise',
      countyCode: '370302',
    },
    { key: 'fangcaoyuan', name: '台头村芳草园合作社', kind: 'cooperative', countyCode: '370302' },
  ],
  people: [
    { key: 'wangying-secretary', name: '王营村党支部书记（示例）', villageCode: wangying, gender: 'male' },
    {
      key: 'zhujiahu-secretary',
      name: '燕崖镇联村党委书记（示例）',
      villageCode: villageCode('yanya', '朱家户村'),
    },
    {
      key: 'liushui-secretary',
      name: '南鲁山镇联村党委书记（示例）',
      villageCode: villageCode('nanlushan', '北流水村'),
    },
    {
      key: 'waquan-secretary',
      name: '博山镇联村党委书记（示例）',
      villageCode: villageCode('boshan', '上瓦泉村'),
    },
    {
      key: 'heiniu-secretary',
      name: '唐坊镇联村党委书记（示例）',
      villageCode: villageCode('tangfang', '唐坊村'),
    },
    {
      key: 'hongye-secretary',
      name: '域城镇联村党委书记（示例）',
      villageCode: villageCode('yucheng', '姚家峪村'),
    },
    {
      key: 'suoyifan-secretary',
      name: '常家镇联村党委书记（示例）',
      villageCode: villageCode('changjia', '蓑衣樊村'),
    },
    {
      key: 'huanghe-secretary',
      name: '黑里寨镇联村党委书记（示例）',
      villageCode: villageCode('heilizhai', '郭王村'),
    },
    {
      key: 'fengyi-secretary',
      name: '东里镇联村党委书记（示例）',
      villageCode: villageCode('dongli', '东里东村'),
    },
    {
      key: 'shaigu-secretary',
      name: '龙泉镇党建联盟书记（示例）',
      villageCode: villageCode('longquan', '台头村'),
    },
    {
      key: 'qingping-secretary',
      name: '青平社区党总支书记（示例）',
      villageCode: villageCode('qingcheng', '青平一村'),
    },
  ],
  villagePosts: [
    // 一肩挑 in 王营, and 跨村任职: the same secretary leads 张旺's branch from 2019.
    {
      villageCode: wangying,
      body: 'party_branch',
      title: 'secretary',
      personKey: 'wangying-secretary',
      from: '2015-01-01',
    },
    {
      villageCode: wangying,
      body: 'village_committee',
      title: 'chair',
      personKey: 'wangying-secretary',
      from: '2018-01-01',
    },
    {
      villageCode: zhangwang,
      body: 'party_branch',
      title: 'secretary',
      personKey: 'wangying-secretary',
      from: '2019-06-01',
    },
  ],
  alliances: [
    {
      key: 'zhujiahu',
      name: '朱家户联村党委',
      townshipCode: townships.yanya.code,
      mode: 'mutual_aid',
      level: 'party_committee',
      establishedOn: '2017-03-01',
      note: '村村互助; the first alliance in 淄博 (seed 001). Integrated 6,000万 of superior funds. Members besides 朱家户, 石井河, 姚南峪, 桑家峪 (named in the seed) and the date are illustrative.',
      members: members('yanya', '2017-03-01', '朱家户村', ['朱家户村', '石井河村', '姚南峪村', '桑家峪村']),
      posts: secretary('zhujiahu-secretary', '2017-03-01'),
    },
    {
      key: 'liushui',
      name: '流水联村党委',
      townshipCode: townships.nanlushan.code,
      mode: 'strong_leads_weak',
      form: '1+N',
      level: 'party_committee',
      establishedOn: '2019-04-01',
      note: '强村带动 1+N (seed 001): 北流水 leads 东流水, 南流水, 车场 under the 流水锃乡 示范片区. Day of 2019 illustrative.',
      members: members('nanlushan', '2019-04-01', '北流水村', ['北流水村', '东流水村', '南流水村', '车场村']),
      posts: secretary('liushui-secretary', '2019-04-01'),
    },
    {
      key: 'waquan',
      name: '瓦泉联村党委',
      townshipCode: townships.boshan.code,
      mode: 'strong_leads_weak',
      form: '1+N',
      level: 'party_committee',
      establishedOn: '2019-05-01',
      note: '上瓦泉 at the centre with 中瓦泉, 下瓦泉 and others, 8 villages in all (seed 001: "等7个村"); the five others and the date are illustrative.',
      members: members('boshan', '2019-05-01', '上瓦泉村', [
        '上瓦泉村',
        '中瓦泉村',
        '下瓦泉村',
        '岳东村',
        '西岭村',
        '南峪村',
        '北岭村',
        '东峪村',
      ]),
      posts: secretary('waquan-secretary', '2019-05-01'),
    },
    {
      key: 'heiniu',
      name: '黑牛盒马联村党委',
      townshipCode: townships.tangfang.code,
      mode: 'village_enterprise',
      level: 'party_committee',
      establishedOn: '2020-03-01',
      note: '村企联建 (seed 001): 纽澜地公司 with 仇家, 和店, 李孟德 (李孟德 put collective land in as shares). Date illustrative.',
      members: [
        ...members('tangfang', '2020-03-01', '仇家村', ['仇家村', '和店村', '李孟德村']),
        { partnerKey: 'newland', role: 'member', from: '2020-03-01' },
      ],
      posts: secretary('heiniu-secretary', '2020-03-01'),
    },
    {
      key: 'hongye',
      name: '红叶柿岩联村党委',
      townshipCode: townships.yucheng.code,
      mode: 'village_enterprise',
      level: 'party_committee',
      establishedOn: '2018-09-01',
      note: '村企联建 (seed 001): 姚家峪, 岭西, 和尚房 and others, 9 villages, with 山东华旅旅游发展股份有限公司; the six other villages and the date are illustrative.',
      members: [
        ...members('yucheng', '2018-09-01', '姚家峪村', [
          '姚家峪村',
          '岭西村',
          '和尚房村',
          '中石门村',
          '上结老峪村',
          '下结老峪村',
          '柳杭村',
          '响泉村',
          '沟泉村',
        ]),
        { partnerKey: 'hualv', role: 'member', from: '2018-09-01' },
      ],
      posts: secretary('hongye-secretary', '2018-09-01'),
    },
    {
      key: 'suoyifan',
      name: '蓑衣樊联村党委',
      townshipCode: townships.changjia.code,
      mode: 'mutual_aid',
      level: 'party_committee',
      establishedOn: '2018-06-01',
      note: '村村互助 (seed 001): 7 villages, 215 Party members, 1,800+ households, 6,300+ people (the village figures here sum to those). Village names other than 蓑衣樊 and the date are illustrative.',
      members: members('changjia', '2018-06-01', '蓑衣樊村', [
        '蓑衣樊村',
        '前街村',
        '后街村',
        '大马村',
        '小马村',
        '东马村',
        '常家村',
      ]),
      posts: secretary('suoyifan-secretary', '2018-06-01'),
    },
    {
      key: 'huanghe',
      name: '黄河滩区搬迁联村党委',
      townshipCode: townships.heilizhai.code,
      mode: 'urban_rural',
      level: 'party_committee',
      establishedOn: '2019-08-01',
      note: '城乡融合 (seed 001): 郭王, 齐泽, 齐东, 禹王赵 branches, 151 Party members, for the 黄河滩区 relocation. Date illustrative.',
      members: members('heilizhai', '2019-08-01', '郭王村', ['郭王村', '齐泽村', '齐东村', '禹王赵村']),
      posts: secretary('huanghe-secretary', '2019-08-01'),
    },
    {
      key: 'fengyi',
      name: '凤驿小镇联村党委',
      townshipCode: townships.dongli.code,
      mode: 'mutual_aid',
      level: 'party_committee',
      establishedOn: '2018-10-01',
      note: '村村互助 (seed 001): 7 villages incl. 下柳沟 (乡村旅游) and 梅家坡 (果品采摘); the five others and the date are illustrative.',
      members: members('dongli', '2018-10-01', '东里东村', [
        '下柳沟村',
        '梅家坡村',
        '东里东村',
        '凤驿村',
        '上柳沟村',
        '石桥村',
        '河北村',
      ]),
      posts: secretary('fengyi-secretary', '2018-10-01'),
    },
    {
      key: 'shaigu',
      name: '红色晒谷党建联盟',
      townshipCode: townships.longquan.code,
      mode: 'village_enterprise',
      level: 'league',
      establishedOn: '2019-07-01',
      note: '党建联盟 (seed 001): 8 villages incl. 台头村 (芳草园合作社), with partner units and an idle-resource pool of 400+ 亩; other village names, the partner company and the date are illustrative.',
      members: [
        ...members('longquan', '2019-07-01', '台头村', [
          '台头村',
          '龙泉村',
          '圈子村',
          '渭一村',
          '渭二村',
          '渭三村',
          '东坪村',
          '西坪村',
        ]),
        { partnerKey: 'longquan-agri', role: 'member', from: '2019-07-01' },
        { partnerKey: 'fangcaoyuan', role: 'member', from: '2019-07-01' },
      ],
      posts: secretary('shaigu-secretary', '2019-07-01'),
    },
    {
      key: 'zhangwang-wangying',
      name: '张旺村—王营村联合党总支',
      townshipCode: townships.zhutai.code,
      mode: 'strong_leads_weak',
      form: '1+1',
      level: 'general_branch',
      establishedOn: '2019-06-01',
      note: '强村带动 1+1 (seed 001): in 2019 the 朱台镇 committee sent 王营村’s secretary to serve 张旺村 (a 软弱涣散 branch) and formed a joint general branch. Day of 2019 illustrative.',
      members: members('zhutai', '2019-06-01', '王营村', ['王营村', '张旺村']),
      posts: secretary('wangying-secretary', '2019-06-01', 'member_village_secretary'),
    },
    {
      key: 'qingping',
      name: '青平社区党总支',
      townshipCode: townships.qingcheng.code,
      mode: 'urban_rural',
      level: 'general_branch',
      establishedOn: '2019-01-01',
      note: 'Seed 001: formed from 15 village branches; 876 households moved into the community. Modelled as an urban_rural alliance of the 15 villages (their divisions stay, 三不变); village names and the date are illustrative.',
      members: members(
        'qingcheng',
        '2019-01-01',
        '青平一村',
        villagesByTownship.qingcheng.map(([name]) => name),
      ),
      posts: secretary('qingping-secretary', '2019-01-01'),
    },
  ],
}
