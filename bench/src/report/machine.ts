import { cpus, totalmem } from 'node:os'

/** The machine a run was measured on, for the header of RESULTS.md. */
export function describeMachine(): string {
  const cores = cpus()
  const model = cores[0]?.model.trim() ?? 'unknown CPU'
  const memoryGiB = (totalmem() / 1024 ** 3).toFixed(1)
  return `${model}, ${cores.length} cores, ${memoryGiB} GiB memory, Node ${process.version} (${process.platform}/${process.arch})`
}
