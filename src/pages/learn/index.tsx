import { useEffect } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { FraudTypeArticle } from '@/core/resident-api'
import { BulletinLinkCard } from '@/components/bulletin-link-card'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStores } from '@/stores/stores-context'
import { learnTypeFromParams } from './learn-link'
import './index.scss'

function Points({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null
  return (
    <View className='card'>
      <Text className='card-title'>{title}</Text>
      {items.map((item, i) => (
        <Text key={i} className='learn-point'>{`${i + 1}. ${item}`}</Text>
      ))}
    </View>
  )
}

function Article({ article }: { article: FraudTypeArticle }) {
  return (
    <View>
      <Text className='page-title'>{article.name}</Text>
      <Text className='learn-summary'>{article.summary}</Text>
      <Points title='识别要点' items={article.signs} />
      <Points title='典型话术' items={article.scripts} />
      <Points title='防范提示' items={article.advice} />
      {article.relatedBulletins.length > 0 && (
        <View>
          <Text className='section-title'>相关警情通报</Text>
          {article.relatedBulletins.map((b) => (
            <BulletinLinkCard key={b.id} id={b.id} title={b.title} hint={`${b.bulletinDate} · 点击查看通报`} />
          ))}
        </View>
      )}
    </View>
  )
}

const Detail = observer(function Detail({ onBack }: { onBack: () => void }) {
  const { knowledge } = useStores()
  const back = (
    <Button className='big-button' size='large' block onClick={onBack}>
      返回全部骗局类型
    </Button>
  )
  let body
  if (knowledge.articleState === 'error') {
    body = <ErrorBlock message={knowledge.articleError ?? '加载失败'} onRetry={() => knowledge.retryArticle()} />
  } else if (knowledge.articleState !== 'ready' || !knowledge.article) body = <LoadingBlock />
  else body = <Article article={knowledge.article} />
  return (
    <View>
      {back}
      {body}
    </View>
  )
})

/** The library: every fraud type as a large card; a card opens its article on the same tab page. */
export default observer(function LearnPage() {
  const { knowledge } = useStores()
  const reading = knowledge.openType !== null
  const linkedType = learnTypeFromParams(useRouter().params)

  useEffect(() => {
    if (knowledge.cardsState === 'idle') void knowledge.loadCards()
  }, [knowledge])

  // A scanned 扫码学习 poster opens straight on its type; 返回 still leads to the whole library.
  useEffect(() => {
    if (linkedType) void knowledge.open(linkedType)
  }, [knowledge, linkedType])

  if (reading) {
    return (
      <PageShell>
        <Detail onBack={() => knowledge.closeArticle()} />
      </PageShell>
    )
  }

  let body
  if (knowledge.cardsState === 'error') body = <ErrorBlock message={knowledge.cardsError ?? '加载失败'} onRetry={() => void knowledge.loadCards()} />
  else if (knowledge.cardsState !== 'ready') body = <LoadingBlock />
  else if (knowledge.cards.length === 0) body = <EmptyBlock title='还没有防骗知识' description='派出所正在整理常见骗局讲解，请稍后再来' />
  else {
    body = knowledge.cards.map((c) => (
      <View key={c.fraudType} className='card tap-target' role='button' hoverClass='card-hover' onClick={() => void knowledge.open(c.fraudType)}>
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
