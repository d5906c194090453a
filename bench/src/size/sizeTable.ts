import type { TableRow } from '../report/table.js'
import { bytes } from '../report/table.js'
import { measureSizes } from './measureSizes.js'

const area = '1. Bundle size (min+gz)'

/** The size rows of the bench table; each anchor also as a multiple of our stack. */
export async function sizeTable(): Promise<TableRow[]> {
  const results = await measureSizes()
  const stack = results.find((result) => result.row.kind === 'stack')?.size
  return results.map(({ row, size, problem }) => {
    if (size === undefined) {
      return { area, what: row.label, figure: 'not measured', detail: `${problem}; see README` }
    }
    const ratio =
      stack !== undefined && row.kind === 'anchor'
        ? `; ${(size.gzipped / stack.gzipped).toFixed(1)}× our stack`
        : ''
    return {
      area,
      what: row.label,
      figure: bytes(size.gzipped),
      detail: `${bytes(size.minified)} min; ${row.note}${ratio}`,
    }
  })
}
