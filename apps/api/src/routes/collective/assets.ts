import {
  CreateAssetFromEntryInput,
  CreateAssetInput,
  CreateResourceInput,
  DisposeAssetInput,
  RESOURCE_STATUSES,
  UpdateResourceStatusInput,
} from '@liancun/collective'
import { Id, PageQuery, pageRequest } from '@liancun/core'
import { Period } from '@liancun/ledger'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { AsOfQuery } from '../../http/scope-query.js'
import { BOOKKEEPERS, requireActor } from '../../plugins/auth.js'
import { assetCardFromEntry } from '../../workflows/asset-card-from-entry.js'
import { collectiveMatterGate } from '../../workflows/collective-matter-gate.js'
import { reconcileCollectiveAssets } from '../../workflows/reconcile-collective-assets.js'
import { ledgerAccess } from '../ledger/access.js'
import { pageOf } from '../organization/schemas.js'
import { CollectiveParams, collectiveAccess, REGISTRARS } from './access.js'
import { AssetOut, assetToWire, ReconciliationOut, ResourceOut, reconciliationToWire } from './schemas.js'

const tags = ['collective']

/** 资产 (asset cards, depreciation, disposal, 账实 reconciliation) and 资源 (land, forest, water, buildings). */
const assetRoutes: FastifyPluginAsyncZod = async (app) => {
  const registers = () => app.services.collective

  app.post(
    '/v1/collectives/:id/assets',
    {
      schema: {
        tags,
        operationId: 'createAssetCard',
        summary: 'Create an asset card (资产卡片): a fixed asset (151) or long-term investment (141)',
        description:
          'Admin, bookkeeper or clerk of the village. Class, cost, funding lineage (fund source and project ids), owners (确权; none: the collective), manager and depreciation terms (straight line by month by default).',
        params: CollectiveParams,
        body: CreateAssetInput,
        response: { 201: AssetOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const access = collectiveAccess(request, REGISTRARS)
      const asset = await auditedWrite(
        request,
        ({ services }) =>
          services.collective.createAsset(
            request.params.id,
            request.body,
            requireActor(request).keyId,
            access.options(services),
          ),
        (a) => access.audit('asset', a.id),
        assetToWire,
      )
      return reply.code(201).send(asset)
    },
  )

  app.post(
    '/v1/collectives/:id/assets::from-entry',
    {
      schema: {
        tags,
        operationId: 'createAssetCardFromEntry',
        summary: 'Create an asset card from a ledger entry: a posted debit to 151 固定资产 or 141 长期投资',
        description:
          'Admin, bookkeeper or clerk of the village. The voucher is read in the ledger the registers are bound to (another ledger’s voucher: 404); the card takes category (151 fixed, 141 investment, sub-accounts included), cost (the line’s debit) and acquisition day (the voucher date) from the line and records the voucher and line (`source`). 404 `collective.entry_line_not_found` for a line number the voucher lacks; 422 `collective.entry_not_posted` (draft or reversed voucher), `collective.entry_not_asset` (not a debit to 151 / 141); 409 `collective.entry_has_card` (one entry, one card).',
        params: CollectiveParams,
        body: CreateAssetFromEntryInput,
        response: { 201: AssetOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = collectiveAccess(request, REGISTRARS)
      const ledger = ledgerAccess(request)
      const asset = await auditedWrite(
        request,
        ({ services }) =>
          assetCardFromEntry(services, request.params.id, request.body, requireActor(request).keyId, {
            collective: access.options(services),
            ledger: ledger.options(services),
          }),
        (a) => access.audit('asset', a.id),
        assetToWire,
      )
      return reply.code(201).send(asset)
    },
  )

  app.get(
    '/v1/collectives/:id/assets',
    {
      schema: {
        tags,
        operationId: 'listAssetCards',
        summary: 'Asset cards with cost, accumulated depreciation and net book value at the end of a day',
        description: 'Any role whose key covers the collective’s village; cursor-paginated.',
        params: CollectiveParams,
        querystring: PageQuery.extend({ asOf: AsOfQuery }),
        response: { 200: pageOf(AssetOut), ...errorResponses(404) },
      },
    },
    async (request) => {
      const page = await registers().listAssets(
        request.params.id,
        { ...(request.query.asOf ? { asOf: request.query.asOf } : {}), ...pageRequest(request.query) },
        collectiveAccess(request).options(),
      )
      return { items: page.items.map(assetToWire), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/collectives/:id/assets/:assetId',
    {
      schema: {
        tags,
        operationId: 'getAssetCard',
        summary: 'An asset card with its owners, depreciation and disposal',
        description: 'Any role whose key covers the collective’s village.',
        params: CollectiveParams.extend({ assetId: Id }),
        querystring: z.object({ asOf: AsOfQuery }),
        response: { 200: AssetOut, ...errorResponses(404) },
      },
    },
    async (request) =>
      assetToWire(
        await registers().getAsset(
          request.params.id,
          request.params.assetId,
          request.query.asOf,
          collectiveAccess(request).options(),
        ),
      ),
  )

  app.post(
    '/v1/collectives/:id/assets/:assetId/disposal',
    {
      schema: {
        tags,
        operationId: 'disposeAsset',
        summary:
          'Dispose of an asset (资产处置): at the major-matter amount with its resolved 四议两公开 matter',
        description:
          'Admin or bookkeeper of the village. Once per card. The amount at stake is the greater of net book value and proceeds; at or above the major-matter amount in force for the village the named matter must be resolved, its disclosure run, no objection pending (422 `collective.matter_required` / `collective.matter_not_resolved`).',
        params: CollectiveParams.extend({ assetId: Id }),
        body: DisposeAssetInput,
        response: { 200: AssetOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const access = collectiveAccess(request, BOOKKEEPERS)
      return auditedWrite(
        request,
        ({ services }) =>
          services.collective.disposeAsset(
            request.params.id,
            request.params.assetId,
            request.body,
            requireActor(request).keyId,
            {
              ...access.options(services),
              ...collectiveMatterGate(services),
            },
          ),
        (a) => access.audit('asset', a.id),
        assetToWire,
      )
    },
  )

  app.get(
    '/v1/collectives/:id/asset-reconciliation',
    {
      schema: {
        tags,
        operationId: 'reconcileAssetCards',
        summary:
          '账实相符: the asset register against the ledger’s 151 / 152 / 141 balances at the end of a month',
        description:
          'Any role whose key covers the collective’s village. Posted vouchers only; each account with a difference lists the cards behind the register figure.',
        params: CollectiveParams,
        querystring: z.object({ period: Period }),
        response: { 200: ReconciliationOut, ...errorResponses(404, 422) },
      },
    },
    async (request) =>
      reconciliationToWire(
        await reconcileCollectiveAssets(
          app.services,
          request.params.id,
          request.query.period,
          collectiveAccess(request).options(),
        ),
      ),
  )

  app.post(
    '/v1/collectives/:id/resources',
    {
      schema: {
        tags,
        operationId: 'createResource',
        summary: 'Record a resource (资源): land, forest, water or a building, with its area in 亩',
        description:
          'Admin, bookkeeper or clerk of the village. Area is an exact decimal string (亩), never a float.',
        params: CollectiveParams,
        body: CreateResourceInput,
        response: { 201: ResourceOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const access = collectiveAccess(request, REGISTRARS)
      const resource = await auditedWrite(
        request,
        ({ services }) =>
          services.collective.createResource(
            request.params.id,
            request.body,
            requireActor(request).keyId,
            access.options(services),
          ),
        (r) => access.audit('resource', r.id),
      )
      return reply.code(201).send(resource)
    },
  )

  app.get(
    '/v1/collectives/:id/resources',
    {
      schema: {
        tags,
        operationId: 'listResources',
        summary: 'Resources of the collective; `status=idle` is the 闲置资源库',
        description: 'Any role whose key covers the collective’s village; cursor-paginated.',
        params: CollectiveParams,
        querystring: PageQuery.extend({ status: z.enum(RESOURCE_STATUSES).optional() }),
        response: { 200: pageOf(ResourceOut), ...errorResponses(404) },
      },
    },
    async (request) =>
      registers().listResources(
        request.params.id,
        { ...(request.query.status ? { status: request.query.status } : {}), ...pageRequest(request.query) },
        collectiveAccess(request).options(),
      ),
  )

  app.put(
    '/v1/collectives/:id/resources/:resourceId/status',
    {
      schema: {
        tags,
        operationId: 'setResourceStatus',
        summary: 'Set a resource’s status: self_operated, contracted, leased or idle',
        description: 'Admin, bookkeeper or clerk of the village.',
        params: CollectiveParams.extend({ resourceId: Id }),
        body: UpdateResourceStatusInput,
        response: { 200: ResourceOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      const access = collectiveAccess(request, REGISTRARS)
      return auditedWrite(
        request,
        ({ services }) =>
          services.collective.setResourceStatus(
            request.params.id,
            request.params.resourceId,
            request.body.status,
            access.options(services),
          ),
        (r) => access.audit('resource', r.id),
      )
    },
  )
}

export default assetRoutes
