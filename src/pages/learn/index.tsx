import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ROUTES } from '@/navigation/routes'
import { useStores } from '@/stores/stores-context'

const openArticle = (type: string) => void Taro.navigateTo({ url: `${ROUTES.article}?type=${type}` })

/** The library: every fraud type as a large card; a card opens its article as a page of its own. */
export default observer(function LearnPage() {
  const { knowledge } = useStores()
  const linkedType = knowledge.posterTypeIn(useRouter().params)

  useEffect(() => {
    if (knowledge.cardsState === 'idle') void knowledge.loadCards()
  }, [knowledge])

  // A scanned 扫码学习 poster opens straight on its type, over the library, so that 返回 leads to the whole library.
  useEffect(() => {
    if (linkedType) openArticle(linkedType)
  }, [linkedType])

  let body
  if (knowledge.cardsState === 'error') body = <ErrorBlock message={knowledge.cardsError ?? '加载失败'} onRetry={() => void knowledge.loadCards()} />
  else if (knowledge.cardsState !== 'ready') body = <LoadingBlock />
  else if (knowledge.cards.length === 0) body = <EmptyBlock title='还没有防骗知识' description='派出所正在整理常见骗局讲解，请稍后再来' />
  else {
    body = knowledge.cards.map((c) => (
      <View key={c.fraudType} className='card tap-target' role='button' hoverClass='card-hover' onClick={() => openArticle(c.fraudType)}>
        <Text className='card-title'>{c.name}</Text>
        <Text className='hint'>{c.summary}</Text>
      </View>
    ))
  }
  return (
    <PageShell>
      <Text className='page-title'>学防骗</Text>
      <Text className='hint'>点一种骗局，看怎么识别、骗子怎么说、怎么防范</Text>
      {body}
    </PageShell>
  )
})
