import { type BundleSize, loadMeasure } from './measure.js'
import { isInstalled, type SizeRow, sizeRows } from './sizeRows.js'

/** A size row with its figures, or `undefined` figures when the anchor is not installed. */
export interface SizeResult {
  row: SizeRow
  size: BundleSize | undefined
}

/** Builds and measures every row of the size table, in one run, with the same settings. */
export async function measureSizes(rows: SizeRow[] = sizeRows): Promise<SizeResult[]> {
  const measure = await loadMeasure()
  const results: SizeResult[] = []
  for (const row of rows) {
    const size = isInstalled(row.requires)
      ? await measure({ entry: row.entry, external: row.external })
      : undefined
    results.push({ row, size })
  }
  return results
}
