import { type BundleSize, loadMeasure } from './measure.js'
import { isInstalled, type SizeRow, sizeRows } from './sizeRows.js'

/** A size row with its figures, or why it has none (anchor not installed, bundling failed). */
export type SizeResult =
  | { row: SizeRow; size: BundleSize; problem?: undefined }
  | { row: SizeRow; size?: undefined; problem: string }

/** Builds and measures every row of the size table, in one run, with the same settings. */
export async function measureSizes(rows: SizeRow[] = sizeRows): Promise<SizeResult[]> {
  const measure = await loadMeasure()
  const results: SizeResult[] = []
  for (const row of rows) {
    if (!isInstalled(row.requires)) {
      results.push({ row, problem: 'not installed' })
      continue
    }
    try {
      results.push({ row, size: await measure({ entry: row.entry, external: row.external }) })
    } catch (error) {
      results.push({ row, problem: `bundling failed: ${(error as Error).message}` })
    }
  }
  return results
}
