import { describe, expect, it } from 'vitest'
import { parseImportArgs } from '../cli/importArgs.js'

const error = (...argv: string[]) => {
  const parsed = parseImportArgs(argv)
  if (parsed.kind !== 'error') throw new Error(`expected an error for ${argv.join(' ')}`)
  return parsed.message
}

describe('callsession import flags', () => {
  it('--concurrency must be a whole number from 1 to 64', () => {
    for (const bad of ['abc', '0', '-1', '2.5', '65', '', '4x'])
      expect(error('import', 'u.csv', `--concurrency=${bad}`)).toBe(
        `--concurrency must be a whole number from 1 to 64, not "${bad}"`,
      )
  })

  it('--rate must be a positive number of creates per minute', () => {
    for (const bad of ['0', 'abc', '-5', 'Infinity', 'NaN', '0/min'])
      expect(error('import', 'u.csv', `--rate=${bad}`)).toMatch(
        /^--rate must be a number of creates per minute above 0/,
      )
  })

  it('unknown flags, missing values, missing file and unknown commands are errors', () => {
    expect(error('import', 'u.csv', '--concurency', '2')).toMatch(/concurency/)
    expect(error('import', 'u.csv', '--concurrency')).toMatch(/argument missing/)
    expect(error('import')).toBe('no file given')
    expect(error('export', 'u.csv')).toBe('unknown command "export"')
    expect(error('import', 'a.csv', 'b.csv')).toMatch(/one file at a time/)
    expect(error('import', 'u.csv', '--format', 'xml')).toMatch(/--format must be csv or json/)
  })

  it('valid flags become settings, with the defaults and the format from the name', () => {
    expect(
      parseImportArgs(['import', 'Users.JSON', '--rate', '60/min', '--concurrency', '8']),
    ).toEqual({
      kind: 'import',
      args: {
        file: 'Users.JSON',
        format: 'json',
        dryRun: false,
        concurrency: 8,
        ratePerMinute: 60,
        checkpoint: 'Users.JSON.checkpoint.json',
        restart: false,
      },
    })
    expect(
      parseImportArgs(['import', 'u.txt', '--dry-run', '--restart', '--checkpoint', 'cp']),
    ).toMatchObject({
      args: {
        format: 'csv',
        dryRun: true,
        restart: true,
        checkpoint: 'cp',
        concurrency: 4,
        ratePerMinute: 600,
      },
    })
    expect(parseImportArgs(['--help'])).toEqual({ kind: 'help' })
  })
})
