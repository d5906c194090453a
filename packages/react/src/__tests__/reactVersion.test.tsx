import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { expect, it } from 'vitest'

it('runs on the React major this test project is for', () => {
  const major = process.env.EXPECTED_REACT_MAJOR
  expect(major).toMatch(/^\d+$/)
  expect(version.split('.')[0]).toBe(major)
  expect(domVersion.split('.')[0]).toBe(major)
})
