import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'
import { finishDocument, IDEMPOTENT_MARKER } from '../http/openapi-document.js'

/** Domain tags, in the order the console lists them. */
export const TAGS = [
  { name: 'system', description: 'Health, readiness and the API description' },
  { name: 'api-keys', description: 'API keys: roles and scopes (admin only)' },
  { name: 'divisions', description: '行政区划: counties, townships, villages (统计用区划代码)' },
  {
    name: 'people',
    description: '人员: villagers, Party members, cadres (ID numbers and phones are always masked)',
  },
  {
    name: 'villages',
    description: '村级组织: 支部委员会, 村委会, 村务监督委员会 posts; Party member and 村民代表 rosters',
  },
  {
    name: 'partners',
    description: '联建单位: enterprises, institutions, urban communities, social organisations',
  },
  { name: 'alliances', description: '联村党组织: alliances, members, posts, coverage statistics' },
  {
    name: 'ledgers',
    description: '村集体经济组织账套: chart, vouchers (记账凭证), periods, reports — 独立建账、独立核算',
  },
  {
    name: 'funds',
    description: '资金来源: superior funds held by counties, townships and alliances; traces and statistics',
  },
  {
    name: 'projects',
    description:
      '乡村振兴项目: library, lifecycle with gates, allocations, payment plans, disbursements into village ledgers, revenue distribution by shares',
  },
  {
    name: 'collective',
    description:
      '三资 registers of a collective: members and shares (成员与股权) and payouts to households, asset cards with depreciation and 账实 reconciliation, resources (资源), contracts (合同) and their vouchers',
  },
  {
    name: 'governance',
    description:
      '四议两公开 matters, 乡村夜话 councils (topics, sessions, resolutions), disclosures (三晒) and their objections; ' +
      'governance rules per division',
  },
  {
    name: 'public',
    description:
      '公开: what villagers read without a key — published disclosures and projects, never personal data',
  },
  { name: 'audit', description: '审计日志: who changed what and when, for admins and auditors (read only)' },
  {
    name: 'imports',
    description:
      '导入: vouchers (history), people and rosters from .xlsx or .csv — checked as a whole, written all or none, one import per file',
  },
]

type TransformInput = Parameters<typeof jsonSchemaTransform>[0]

/**
 * The zod transform, plus a marker on every authenticated POST that honours `Idempotency-Key`
 * (plugins/idempotency.ts: all but those with `config.idempotent: false`); the document step
 * turns the marker into the documented header.
 */
function transform(input: TransformInput) {
  const out = jsonSchemaTransform(input)
  const route = (input as { route?: { method: string | string[]; config?: Record<string, unknown> } }).route
  const methods = [route?.method ?? []].flat()
  const honours =
    methods.includes('POST') && route?.config?.public !== true && route?.config?.idempotent !== false
  if (honours && out.schema && !('hide' in out.schema && out.schema.hide)) {
    ;(out.schema as Record<string, unknown>)[IDEMPOTENT_MARKER] = true
  }
  return out
}

export default fp(
  async function openapiPlugin(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'liancun API (联村)',
          version: '0.1.0',
          description:
            'System of record for multi-village Party-building alliances (联村党建). Money is a decimal string in 元 ' +
            'with two places ("12345.67"); dates are YYYY-MM-DD (Asia/Shanghai); errors are RFC 9457 problem+json ' +
            'with a stable `code`. Authenticate with `Authorization: Bearer <api key>`. Lists are cursor-paginated ' +
            '(`?limit=&cursor=` → `{ items, nextCursor }`); POSTs that write accept an `Idempotency-Key` header.\n\n' +
            'On the demo (`npm start`) the prefilled examples name demo data: 高青县 (370322), 唐坊镇 (370322104), ' +
            'its villages 仇家村 (370322104201) …; ids of demo records are listed by the list operations.',
        },
        tags: TAGS,
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description: 'An API key minted by POST /v1/api-keys',
            },
          },
        },
        security: [{ bearerAuth: [] }],
      },
      transform,
      transformObject: (input) =>
        finishDocument(jsonSchemaTransformObject(input), {
          // Relative: the console calls the server it is served from, wherever that is deployed.
          servers: [{ url: '/', description: 'this server (the one serving /docs)' }],
        }),
    })
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: {
        docExpansion: 'list',
        deepLinking: true,
        persistAuthorization: true,
        tryItOutEnabled: true,
      },
      staticCSP: true,
      uiHooks: {},
    })
    app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger())
  },
  { name: 'openapi' },
)
