import { Text, View } from '@tarojs/components'
import type { BulletinCase } from '@/core/bulletins'
import { fraudTypeName } from '@/core/fraud-types'
import { ListenButton } from '@/components/listen-button'
import './bulletin-view.scss'

/** ¥12,300.00, or 未造成损失 for a fraud that was stopped. Written out by hand: the WeChat runtime's Intl is unreliable. */
export function formatLoss(yuan: number): string {
  if (!(yuan > 0)) return '未造成损失'
  const [whole, fen] = yuan.toFixed(2).split('.')
  return `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fen}`
}

export interface BulletinViewProps {
  title: string
  bulletinDate: string
  stationName: string
  cases: BulletinCase[]
  advice: string
}

/** The bulletin as it is read aloud: whole sentences, and amounts as a voice says them (not ¥12,300.00). */
export function bulletinSpeech({ title, bulletinDate, stationName, cases, advice }: BulletinViewProps): string {
  const loss = (yuan: number) => (yuan > 0 ? `${Math.round(yuan)}元` : '未造成损失')
  return [
    `${title}。${bulletinDate}，${stationName}。`,
    ...cases.map((c, i) => `案例${i + 1}，${fraudTypeName(c.fraudType)}。受害人：${c.victimProfile}。损失：${loss(c.lossYuan)}。经过：${c.method}。警方提示：${c.warning}。`),
    `警方提醒：${advice}`,
  ].join('\n')
}

/** A bulletin as residents read it, with 听通报 for those who would rather listen; the editor's preview has no 听. */
export function BulletinView({ listen = false, ...bulletin }: BulletinViewProps & { listen?: boolean }) {
  const { title, bulletinDate, stationName, cases, advice } = bulletin
  return (
    <View className='bulletin-view'>
      <Text className='page-title'>{title}</Text>
      <Text className='hint'>{bulletinDate} · {stationName}</Text>
      {listen && <ListenButton text={bulletinSpeech(bulletin)} label='听通报' />}
      {cases.map((c, i) => (
        <View key={i} className='card bulletin-case'>
          <Text className='card-title'>案例{i + 1}：{fraudTypeName(c.fraudType)}</Text>
          <Text className='bulletin-line'>受害人：{c.victimProfile}</Text>
          <Text className='bulletin-line'>损失：{formatLoss(c.lossYuan)}</Text>
          <Text className='bulletin-label'>经过</Text>
          <Text className='bulletin-line'>{c.method}</Text>
          <Text className='bulletin-label'>警方提示</Text>
          <Text className='bulletin-line'>{c.warning}</Text>
        </View>
      ))}
      <View className='card bulletin-advice'>
        <Text className='card-title'>警方提醒</Text>
        <Text className='bulletin-line'>{advice}</Text>
      </View>
    </View>
  )
}
