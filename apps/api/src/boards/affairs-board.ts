import { meta, type Place, placeLabel, sha256Hex, verificationFooter } from './common.js'
import { html } from './html.js'
import { categoryLabel, channelLabel, dateLabel, kindLabel, outcomeLabel, stateLabel } from './labels.js'
import { boardDocument, type Paper } from './layout.js'
import { qrSvg } from './qr.js'
import { table } from './tables.js'

/** One 晒村务 disclosure as `publicDisclosures` of the governance package lists it (no personal data). */
export interface AffairsItem {
  id: string
  matterId: string
  title: string
  category: string
  state: string
  kind: string
  channels: string[]
  from: string
  until: string
  objections: { submittedOn: string; outcome: string | null; respondedOn: string | null }[]
}

/**
 * The public record of one 晒村务 disclosure. The governance package stores no hash of a
 * disclosure, so its published part — what was disclosed, of which matter, how and for how long —
 * is frozen here as JSON text and hashed exactly as 晒财务 is (`sha256Hex` of the text). The
 * matter's state and the objections change after publication, so they travel beside the content,
 * not inside the hash: the same disclosure keeps the same sha256 while its objections are answered.
 */
export function affairsRecord(villageCode: string, item: AffairsItem) {
  const document = {
    villageCode,
    id: item.id,
    matterId: item.matterId,
    title: item.title,
    category: item.category,
    kind: item.kind,
    channels: item.channels,
    from: item.from,
    until: item.until,
  }
  const content = JSON.stringify(document)
  return {
    id: item.id,
    villageCode,
    matterId: item.matterId,
    kind: item.kind,
    from: item.from,
    until: item.until,
    sha256: sha256Hex(content),
    content,
    document,
    state: item.state,
    objections: item.objections,
  }
}
export type AffairsRecord = ReturnType<typeof affairsRecord>

export async function affairsBoard(input: {
  record: AffairsRecord
  place: Place
  recordUrl: string
  paper: Paper
}): Promise<string> {
  const { record: r, place } = input
  const d = r.document
  const village = place.villageName ?? place.villageCode
  const period = `${dateLabel(d.from)} 至 ${dateLabel(d.until)}`
  return boardDocument({
    paper: input.paper,
    title: `${village} 晒村务 ${d.title}`,
    header: html`<h1>${village}村务公开栏</h1>${meta([
      ['村', placeLabel(place)],
      ['公开类型', `${kindLabel(d.kind)}（四议两公开）`],
      ['公开期间', html`<span data-period="${d.from}/${d.until}">${period}</span>`],
      ['公开方式', d.channels.map((c) => channelLabel(c)).join('、')],
    ])}`,
    qr: html`${await qrSvg(input.recordUrl)}<div>扫码核对</div>`,
    body: html`${table(
      '一、公开事项',
      [
        { title: '事项', cell: (m: typeof d) => m.title },
        { title: '类别', cell: (m: typeof d) => categoryLabel(m.category) },
        { title: '当前办理阶段', cell: () => stateLabel(r.state) },
      ],
      [d],
    )}
${table(
  '二、群众异议及处理',
  [
    { title: '提出日期', cell: (o: AffairsItem['objections'][number]) => dateLabel(o.submittedOn) },
    { title: '处理结果', cell: (o: AffairsItem['objections'][number]) => outcomeLabel(o.outcome) },
    {
      title: '答复日期',
      cell: (o: AffairsItem['objections'][number]) => (o.respondedOn ? dateLabel(o.respondedOn) : '—'),
    },
  ],
  r.objections,
)}
<p>公示期内如有异议，可向村务监督委员会或乡镇（街道）反映。</p>`,
    footer: verificationFooter({
      sha256: r.sha256,
      recordUrl: input.recordUrl,
      id: r.id,
      hashNote: '记录中 content 文本的哈希',
      intact: sha256Hex(r.content) === r.sha256,
    }),
  })
}
