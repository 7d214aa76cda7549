import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

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
]

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
            'with a stable `code`. Authenticate with `Authorization: Bearer <api key>`.',
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
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
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
