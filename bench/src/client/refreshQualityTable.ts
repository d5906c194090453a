import type { TableRow } from '../report/table.js'
import { installDom } from './dom.js'
import { proactiveRefresh } from './roundTrips.js'

const area = '3. Refresh quality'

/** Time outside the usable states during a refresh, and renders per status change. */
export async function refreshQualityTable(): Promise<TableRow[]> {
  installDom()
  const { rendersPerStatusChange } = await import('./reactScenarios.js')
  const refresh = await proactiveRefresh()
  const renders = await rendersPerStatusChange()
  const perChange = renders.statusChanges === 0 ? 0 : renders.renders / renders.statusChanges
  return [
    {
      area,
      what: 'not authenticated during refresh',
      figure: `${refresh.notAuthenticatedMs} ms`,
      detail: `fake clock; statuses: ${refresh.statuses.join(' → ') || 'none'}; target 0`,
    },
    {
      area,
      what: 'renders per status change',
      figure: perChange.toFixed(2),
      detail: `${renders.renders} renders for ${renders.statusChanges} status changes (+${renders.otherChanges} other state updates); target 1.00`,
    },
  ]
}
