import { RISK_LEVEL_LABELS, type RiskLevel } from '@/core/warnings'
import { CoverageBar } from '@/components/coverage-bar'

export interface RiskInTime {
  riskLevel: RiskLevel
  received: number
  inTime: number
}

interface RiskBarsProps {
  rows: readonly RiskInTime[]
  /** The report floors its rates and the warnings page rounds them; each keeps its own. */
  rate: (part: number, whole: number) => number
}

/** One bar per risk level: of the warnings received, how many were first contacted within the time limit. */
export function RiskBars({ rows, rate }: RiskBarsProps) {
  return (
    <>
      {rows.map((r) => (
        <CoverageBar key={r.riskLevel} label={RISK_LEVEL_LABELS[r.riskLevel]} part={r.inTime} whole={r.received} percent={rate(r.inTime, r.received)} unit='条' />
      ))}
    </>
  )
}
