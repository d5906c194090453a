import type { TableRow } from '../report/table.js'
import { installDom } from './dom.js'
import { proactiveRefresh } from './roundTrips.js'

const area = '3. Refresh quality'

/** Time outside the usable states during a refresh, and renders per status change. */
export async function refreshQualityTable(): Promise<TableRow[]> {
  installDom()
  const { rendersPerChange } = await import('./reactScenarios.js')
  const refresh = await proactiveRefresh()
  const run = await rendersPerChange()
  const perChange = ({ changes, renders }: { changes: number; renders: number }) =>
    (changes === 0 ? 0 : renders / changes).toFixed(2)
  return [
    {
      area,
      what: 'not authenticated during refresh',
      figure: `${refresh.notAuthenticatedMs} ms`,
      detail: `fake clock; statuses: ${refresh.statuses.join(' → ') || 'none'}; target 0`,
    },
    ...(['status', 'userName', 'expiresAt', 'whole'] as const).map((slice) => ({
      area,
      what: `renders per change: ${slice === 'whole' ? 'useCallsSession()' : `(s) => s.${slice === 'userName' ? 'user?.name' : slice}`}`,
      figure: perChange(run[slice]),
      detail: `${run[slice].renders} renders for ${run[slice].changes} changes in ${run.updates} state updates (2 refreshes, the 2nd renames the user); target 1.00`,
    })),
  ]
}
