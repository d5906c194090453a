// @vitest-environment node
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const read = (path: string) => readFile(join(root, path), 'utf8')

describe('README', () => {
  it('quotes the usage example exactly as the tested file has it', async () => {
    const example = await read('example/signInOffline.test.tsx')
    const region = example.split('// #region example\n')[1]?.split('// #endregion')[0]?.trimEnd()
    expect(region).toBeTruthy()
    expect(await read('README.md')).toContain(`\`\`\`tsx\n${region}\n\`\`\``)
  })
})
