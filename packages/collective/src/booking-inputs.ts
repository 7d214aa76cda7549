import { BusinessDate, Id } from '@liancun/core'
import { z } from 'zod'

/** Inputs of the registers' bookings (parts/bookings.ts; the app's workflows draft the vouchers). */

const AccountCode = (description: string) =>
  z
    .string()
    .regex(/^[0-9]{3}([0-9]{2})*$/)
    .meta({ description })

export const DeferralRunInput = z
  .strictObject({
    year: z
      .number()
      .int()
      .min(2000)
      .max(2100)
      .meta({ description: 'the year whose shares are moved', example: 2025 }),
    date: BusinessDate.optional().meta({
      description: 'voucher date inside the year; default its last day, or today while the year runs',
    }),
  })
  .meta({ example: { year: 2025 } })
export type DeferralRunInput = z.infer<typeof DeferralRunInput>

export const DepreciationRunInput = z
  .strictObject({
    period: z
      .string()
      .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/)
      .meta({ description: 'the month depreciated (YYYY-MM); booked on its last day', example: '2024-12' }),
    expenseAccounts: z
      .strictObject({
        operating: AccountCode('经营性: default 511 经营支出 (or 401 生产(劳务)成本)').optional(),
        public_welfare: AccountCode('公益性: default 514 公益支出').optional(),
        household: AccountCode('到户类: default 515 其他支出').optional(),
      })
      .default({})
      .meta({ description: 'the expense (or a leaf under it) each class’s depreciation is charged to' }),
  })
  .meta({ example: { period: '2024-12' } })
export type DepreciationRunInput = z.infer<typeof DepreciationRunInput>

export const MonitoredPayoutInput = z
  .strictObject({
    distributionRunId: Id.meta({
      description: 'the funds distribution run whose monitored households are paid',
    }),
    payDate: BusinessDate.meta({ description: 'the day paid: the payment vouchers’ date' }),
    summary: z.string().trim().min(1).max(120).optional().meta({ example: '2024年度防返贫监测户收益发放' }),
    bankAccount: z
      .string()
      .regex(/^102([0-9]{2})*$/)
      .optional()
      .meta({ description: 'a leaf under 102 to pay from' }),
  })
  .meta({ example: { distributionRunId: '01935c1e-0000-7000-8000-000000000000', payDate: '2025-01-20' } })
export type MonitoredPayoutInput = z.infer<typeof MonitoredPayoutInput>
