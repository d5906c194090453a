import { describe, expect, it } from 'vitest'
import { readSection, replaceSection } from '../browser/resultsSection.js'

const file = ['# Bench results', '', '| a |', '', '## Browser critical path', '', 'old', ''].join(
  '\n',
)

describe('RESULTS.md: the browser section', () => {
  it('replaces only that section, keeping what comes before and after it', () => {
    const withAfter = `${file}\n## Later\n\nkept\n`
    const next = replaceSection(withAfter, '## Browser critical path\n\nnew')
    expect(next).toContain('# Bench results\n\n| a |')
    expect(next).toContain('## Browser critical path\n\nnew\n')
    expect(next).not.toContain('old')
    expect(next).toContain('## Later\n\nkept')
  })

  it('appends the section when the file has none, and reads it back', () => {
    const next = replaceSection('# Bench results\n', '## Browser critical path\n\nnew')
    expect(next).toBe('# Bench results\n\n## Browser critical path\n\nnew\n')
    expect(readSection(next)).toBe('## Browser critical path\n\nnew')
    expect(readSection('# Bench results\n')).toBe('')
  })
})
