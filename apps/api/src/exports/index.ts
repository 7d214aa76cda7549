/**
 * Excel and CSV exports of the books. Layouts (one file per report) turn a service's result in
 * fen into an ExportDocument; workbook.ts and csv.ts write it; http.ts sends it.
 */
export { balanceSheetDocument } from './balance-sheet.js'
export { eliminatedTable } from './division.js'
export type { Cell, Column, ExportDocument, Row, Table } from './document.js'
export { entriesDocument } from './entries.js'
export {
  type DivisionSubject,
  divisionHead,
  divisionName,
  generatedLabel,
  type Head,
  ledgerHead,
  loadLedgerSubject,
} from './header.js'
export { CSV_MEDIA, ExportFile, ExportFormat, exportAccess, sendExport, XLSX_MEDIA } from './http.js'
export { incomeStatementDocument } from './income-statement.js'
export { trialBalanceDocument } from './trial-balance.js'
export { MONEY_FORMAT, moneyCellValue } from './workbook.js'
