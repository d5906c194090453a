import { readFileSync, writeFileSync } from 'node:fs'

export const BROWSER_SECTION = '## Browser critical path'

/** The `## Browser critical path` section of RESULTS.md (heading included), or '' when absent. */
export function readSection(markdown: string): string {
  const start = markdown.indexOf(`\n${BROWSER_SECTION}\n`)
  if (start < 0) return ''
  const next = markdown.indexOf('\n## ', start + 1)
  return markdown.slice(start + 1, next < 0 ? undefined : next + 1).trimEnd()
}

/** Replaces that section only (or appends it), leaving the rest of the file as it was. */
export function replaceSection(markdown: string, section: string): string {
  const current = readSection(markdown)
  if (!current) return `${markdown.trimEnd()}\n\n${section.trimEnd()}\n`
  return markdown.replace(current, section.trimEnd())
}

export function writeSection(file: URL, section: string): void {
  let markdown = ''
  try {
    markdown = readFileSync(file, 'utf8')
  } catch {}
  writeFileSync(file, replaceSection(markdown, section))
}
