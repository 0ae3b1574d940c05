import type { PropsWithChildren } from 'react'
import { Text, View } from '@tarojs/components'
import { fraudTypeName } from '@/core/fraud-types'
import type { WarningListItem } from '@/contract/warnings'
import { WARNING_STATE_LABELS } from '@/core/warnings'
import { riskBadge } from '@/core/warnings-format'
import { WarningCountdown } from '@/components/warning-countdown'
import './index.scss'

interface WarningCardProps {
  warning: WarningListItem
  /** The admin's list also names the region and the dissuader. */
  showAssignee?: boolean
  onOpen?: () => void
}

/** One warning in a queue: risk as a shape and a word, who, what kind, and the deadline while still 待处置. */
export function WarningCard({ warning: w, showAssignee, onOpen, children }: PropsWithChildren<WarningCardProps>) {
  return (
    <View className={`card warning-card warning-card--${w.riskLevel}`}>
      <View
        className={onOpen ? 'tap-target' : undefined}
        role={onOpen ? 'button' : undefined}
        hoverClass={onOpen ? 'card-hover' : undefined}
        onClick={onOpen}
      >
        <View className='warning-card__head'>
          <Text className={`warning-risk warning-risk--${w.riskLevel}`}>{riskBadge(w.riskLevel)}</Text>
          <Text className='warning-card__state'>{w.overdue ? `${WARNING_STATE_LABELS[w.state]} · 已超时` : WARNING_STATE_LABELS[w.state]}</Text>
        </View>
        <Text className='card-title'>{`${w.residentName} · ${w.phoneMasked}`}</Text>
        <Text className='hint'>{`${fraudTypeName(w.fraudType)} · ${w.address || w.regionName}`}</Text>
        {showAssignee && <Text className='hint'>{`${w.regionName} · 处置人：${w.assignee?.name ?? '未分派'}`}</Text>}
        {w.state === 'pending' && <WarningCountdown dueAt={w.contactDueAt} />}
      </View>
      {children}
    </View>
  )
}
