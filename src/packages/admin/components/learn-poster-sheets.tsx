import { Text, View } from '@tarojs/components'
import '@/components/print-pages.scss'
import type { LearnPoster, LearnPosterSheet } from '@/contract/knowledge'
import { svgDataUrl } from './label-sheets'
import { DescribedImage } from '@/components/described-image'

function Poster({ poster, sheet }: { poster: LearnPoster; sheet: LearnPosterSheet }) {
  const isPath = poster.kind === 'path'
  return (
    <View className={`print-page learn-poster${isPath ? ' learn-poster--path' : ''}`}>
      <Text className='learn-poster__title'>{poster.title}</Text>
      <Text className='learn-poster__summary'>{poster.summary}</Text>
      <Text className='learn-poster__heading'>{isPath ? '学习顺序' : '防范提示'}</Text>
      <View className='learn-poster__tips'>
        {poster.tips.map((tip, i) => <Text key={i} className='learn-poster__tip'>{`${i + 1}. ${tip}`}</Text>)}
      </View>
      <View className='learn-poster__scan'>
        <DescribedImage className='learn-poster__qr' src={svgDataUrl(poster.qrSvg)} mode='aspectFit' alt={`扫码学习二维码：${poster.title}`} />
        <Text className='learn-poster__caption'>{sheet.caption}</Text>
      </View>
      <Text className='learn-poster__footer'>{`${sheet.station} · 反诈热线 ${sheet.hotline}`}</Text>
    </View>
  )
}

/** 扫码学习 posters, one A4 page each, in the server's order. */
export function LearnPosterSheets({ sheet }: { sheet: LearnPosterSheet }) {
  return (
    <View className='print-area learn-poster-print-area scroll-region'>
      {sheet.posters.map((poster) => <Poster key={poster.url} poster={poster} sheet={sheet} />)}
    </View>
  )
}
