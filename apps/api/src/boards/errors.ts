/** The codes the board routes answer with besides the packages' own (README "Printable boards"). */
export const BOARD_ERRORS = {
  'boards.disclosure_not_found': {
    kind: 'not_found',
    meaning: 'the village has no published 晒村务 disclosure with this id',
  },
  'boards.pdf_unavailable': {
    kind: 'unavailable',
    meaning:
      'this server cannot print PDFs (Chromium is not installed or did not start); the HTML board works',
  },
  'boards.pdf_busy': {
    kind: 'unavailable',
    meaning: 'too many PDFs are being printed at once; retry after the seconds in Retry-After',
  },
} as const satisfies Record<string, { kind: string; meaning: string }>
export type BoardErrorCode = keyof typeof BOARD_ERRORS
