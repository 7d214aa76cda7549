export { type AffairsItem, type AffairsRecord, affairsBoard, affairsRecord } from './affairs-board.js'
export { type Place, sha256Hex } from './common.js'
export { BOARD_ERRORS, type BoardErrorCode } from './errors.js'
export { type FinancialDisclosure, financialBoard } from './financial-board.js'
export { escapeHtml, html, SafeHtml, trusted } from './html.js'
export { PAPERS, type Paper } from './layout.js'
export { type BoardRequest, financialBoardPage, villageBoardPage, villageDisclosureRecord } from './pages.js'
export {
  chromiumCandidates,
  createPdfPrinter,
  findChromium,
  PdfBusyError,
  type PdfPrinter,
  PdfUnavailableError,
} from './pdf.js'
