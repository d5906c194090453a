/** One line of the bench table. */
export interface TableRow {
  area: string
  what: string
  figure: string
  detail: string
}

const columns = ['Area', 'What', 'Measured', 'Detail'] as const

/** The rows as a Markdown table (readable as plain text in a terminal too). */
export function formatTable(rows: TableRow[]): string {
  const cells = rows.map((row) =>
    [row.area, row.what, row.figure, row.detail].map((cell) =>
      cell.replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|'),
    ),
  )
  const widths = columns.map((title, i) =>
    Math.max(title.length, ...cells.map((line) => (line[i] ?? '').length)),
  )
  const line = (values: readonly string[]) =>
    `| ${values.map((value, i) => value.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [
    line(columns),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...cells.map(line),
  ].join('\n')
}

/** Bytes with thousands separators, e.g. `12,345 B`. */
export const bytes = (value: number) => `${value.toLocaleString('en-US')} B`
