import type { FundsContext } from '../context.js'
import { PROJECT_CATEGORIES } from '../inputs.js'
import { publicProjectIds } from '../store/projects.js'
import { fen } from '../store/sql.js'
import { statsRows } from '../store/stats.js'

/**
 * Figures, always derived from the records (never stored totals), so alliance, township and
 * county views cannot double count.
 */
export function statsPart({ db }: FundsContext) {
  return {
    /**
     * The 001 figures for a division and year: funds pooled by kind, projects by category and
     * status, money paid out, revenue and what reached village collectives; one statement.
     */
    async stats(query: { within?: string; year?: number }) {
      const rows = await statsRows(db, query)
      const byCategory = PROJECT_CATEGORIES.map((category) => {
        const of = rows.projects.filter((r) => r.category === category && r.status !== 'cancelled')
        return {
          category,
          count: of.reduce((s, r) => s + r.count, 0),
          budget: of.reduce((s, r) => s + fen(r.budget), 0n),
        }
      })
      const statuses = [...new Set(rows.projects.map((r) => r.status))].sort()
      return {
        within: query.within ?? null,
        year: query.year ?? null,
        pooled: {
          total: rows.pooled.reduce((s, p) => s + fen(p.amount), 0n),
          sources: rows.pooled.reduce((s, p) => s + p.count, 0),
          byKind: rows.pooled.map((p) => ({ kind: p.kind, count: p.count, amount: fen(p.amount) })),
        },
        projects: {
          total: byCategory.reduce((s, c) => s + c.count, 0),
          byCategory,
          byStatus: statuses.map((status) => ({
            status,
            count: rows.projects.filter((r) => r.status === status).reduce((s, r) => s + r.count, 0),
          })),
        },
        disbursed: fen(rows.disbursed),
        revenue: fen(rows.revenue),
        distributedToVillages: fen(rows.distributed),
        villagesReceiving: rows.villages,
      }
    },

    /** Ids of the projects on the public noticeboard: no personal data exists in these records. */
    async publicProjectIds(within: string | undefined, limit: number, after: string | null) {
      return publicProjectIds(db, within, limit + 1, after)
    },
  }
}
