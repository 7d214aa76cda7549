import { RESOURCE_STATUSES } from '@liancun/collective'
import { BusinessDate } from '@liancun/core'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { divisionName } from '../../exports/header.js'
import { ExportFile, ExportFormat, exportAccess, sendExport } from '../../exports/http.js'
import {
  assetsDocument,
  contractsDocument,
  membersDocument,
  type RegistersSubject,
  resourcesDocument,
  shareRegisterDocument,
} from '../../exports/registers.js'
import { everything } from '../../exports/registers-labels.js'
import { errorResponses } from '../../http/problem.js'
import { AsOfQuery } from '../../http/scope-query.js'
import { CollectiveParams, collectiveAccess } from './access.js'

const tags = ['collective']
const LAYOUT = 'Column layout: the collective README, “Export layouts”.'

/**
 * The five 三资 registers as .xlsx or CSV (issue 13 "Out of the registers"), each beside its JSON
 * list at `…/export`, authorised as that list (any role whose key covers the village). Whole
 * registers, not pages: a list is read 5,000 rows a statement.
 */
const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const registers = () => app.services.collective

  /** The registers, through the caller's guard, and the village's name for the header. */
  async function subjectOf(request: Parameters<typeof collectiveAccess>[0], id: string) {
    const collective = await registers().getCollective(id, collectiveAccess(request).options())
    return {
      collective,
      villageName: await divisionName(app.services, collective.villageCode),
    } satisfies RegistersSubject
  }
  const households = (id: string) =>
    everything(
      (page) => registers().listHouseholds(id, page),
      (h) => h.id,
    )
  const members = (id: string, asOf?: string) =>
    everything(
      (page) => registers().listMembers(id, { ...(asOf ? { asOf } : {}), ...page }),
      (m) => m.id,
    )

  app.get(
    '/v1/collectives/:id/members/export',
    {
      schema: {
        tags,
        operationId: 'exportCollectiveMembers',
        summary: '成员名册 (members with 户号, dated membership) as an Excel workbook or CSV',
        description: `Every member of the register (or those who were members on \`asOf\`), with household and reasons. ${LAYOUT} ${exportAccess('listCollectiveMembers')}`,
        params: CollectiveParams,
        querystring: z.object({ asOf: AsOfQuery, format: ExportFormat }),
        response: { 200: ExportFile, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { asOf, format } = request.query
      const subject = await subjectOf(request, request.params.id)
      const doc = membersDocument(
        subject,
        {
          members: await members(subject.collective.id, asOf),
          households: await households(subject.collective.id),
          asOf: asOf ?? null,
        },
        app.clock.now(),
      )
      return sendExport(reply, doc, format, app.clock.now())
    },
  )

  app.get(
    '/v1/collectives/:id/share-register/export',
    {
      schema: {
        tags,
        operationId: 'exportShareRegister',
        summary: '股权登记簿 as of a day (holdings, units per household and per kind) as a workbook or CSV',
        description: `The share register of getShareRegister as a file: 持股明细, 按户汇总 (with 集体股 and 合计), 按股种汇总. ${LAYOUT} ${exportAccess('getShareRegister')}`,
        params: CollectiveParams,
        querystring: z.object({ asOf: BusinessDate, format: ExportFormat }),
        response: { 200: ExportFile, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { asOf, format } = request.query
      const subject = await subjectOf(request, request.params.id)
      const id = subject.collective.id
      const register = await registers().shareRegister(id, asOf)
      const people = { members: await members(id), households: await households(id) }
      const doc = shareRegisterDocument(subject, register, people, app.clock.now())
      return sendExport(reply, doc, format, app.clock.now())
    },
  )

  app.get(
    '/v1/collectives/:id/assets/export',
    {
      schema: {
        tags,
        operationId: 'exportAssetCards',
        summary:
          '资产台账: asset cards with cost, depreciation, net value, owners and disposal, as a workbook or CSV',
        description: `Every card with its figures at the end of \`asOf\` (default today), as listAssetCards. ${LAYOUT} ${exportAccess('listAssetCards')}`,
        params: CollectiveParams,
        querystring: z.object({ asOf: AsOfQuery, format: ExportFormat }),
        response: { 200: ExportFile, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { format } = request.query
      const asOf = request.query.asOf ?? app.clock.today()
      const subject = await subjectOf(request, request.params.id)
      const assets = await everything(
        (page) => registers().listAssets(subject.collective.id, { asOf, ...page }),
        (a) => a.id,
      )
      return sendExport(
        reply,
        assetsDocument(subject, { assets, asOf }, app.clock.now()),
        format,
        app.clock.now(),
      )
    },
  )

  app.get(
    '/v1/collectives/:id/resources/export',
    {
      schema: {
        tags,
        operationId: 'exportResources',
        summary: '资源台账: resources with area (亩, exact) and status, as a workbook or CSV',
        description: `Every resource, or those in one status (\`idle\`: the 闲置资源库), as listResources. ${LAYOUT} ${exportAccess('listResources')}`,
        params: CollectiveParams,
        querystring: z.object({ status: z.enum(RESOURCE_STATUSES).optional(), format: ExportFormat }),
        response: { 200: ExportFile, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { status, format } = request.query
      const subject = await subjectOf(request, request.params.id)
      const resources = await everything(
        (page) =>
          registers().listResources(subject.collective.id, { ...(status ? { status } : {}), ...page }),
        (r) => r.id,
      )
      const doc = resourcesDocument(subject, { resources, status: status ?? null }, app.clock.now())
      return sendExport(reply, doc, format, app.clock.now())
    },
  )

  app.get(
    '/v1/collectives/:id/contracts/export',
    {
      schema: {
        tags,
        operationId: 'exportContracts',
        summary:
          '合同台账: contracts with party, object, term, amount, received and overdue, and every instalment',
        description: `Every contract (or those ending within \`expiringWithin\` days), as listContracts, with its payment schedule; received and overdue as of today. ${LAYOUT} ${exportAccess('listContracts')}`,
        params: CollectiveParams,
        querystring: z.object({
          expiringWithin: z.coerce
            .number()
            .int()
            .min(0)
            .max(3660)
            .optional()
            .meta({ description: 'days from today' }),
          format: ExportFormat,
        }),
        response: { 200: ExportFile, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { expiringWithin, format } = request.query
      const subject = await subjectOf(request, request.params.id)
      const id = subject.collective.id
      const contracts = await everything(
        (page) =>
          registers().listContracts(id, {
            ...(expiringWithin === undefined ? {} : { expiringWithin }),
            ...page,
          }),
        (c) => c.id,
      )
      // The objects by name: one read of each register a contract can cover.
      const names = new Map<string, string>()
      if (contracts.some((c) => c.items.some((i) => i.kind === 'resource'))) {
        for (const r of await everything(
          (page) => registers().listResources(id, page),
          (r) => r.id,
        ))
          names.set(`resource:${r.id}`, r.name)
      }
      if (contracts.some((c) => c.items.some((i) => i.kind === 'asset'))) {
        for (const a of await everything(
          (page) => registers().listAssets(id, page),
          (a) => a.id,
        ))
          names.set(`asset:${a.id}`, a.name)
      }
      const doc = contractsDocument(subject, { contracts, names, today: app.clock.today() }, app.clock.now())
      return sendExport(reply, doc, format, app.clock.now())
    },
  )
}

export default exportRoutes
