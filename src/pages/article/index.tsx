import { useEffect } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { FraudTypeArticle } from '@/contract/knowledge'
import { BulletinLinkCard } from '@/components/bulletin-link-card'
import { ListenButton } from '@/components/listen-button'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { goBackOr } from '@/navigation/go-back'
import { ROUTES } from '@/navigation/routes'
import { useStores } from '@/stores/stores-context'
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

/** The article as it is read aloud: its name, summary and each list with its heading. */
function articleSpeech(a: FraudTypeArticle): string {
  const list = (title: string, items: string[]) => (items.length ? `${title}：${items.map((item, i) => `${i + 1}，${item}`).join('。')}。` : '')
  return [`${a.name}。${a.summary}`, list('识别要点', a.signs), list('典型话术', a.scripts), list('防范提示', a.advice)].filter(Boolean).join('\n')
}

function Article({ article }: { article: FraudTypeArticle }) {
  return (
    <View>
      <Text className='page-title'>{article.name}</Text>
      <ListenButton text={articleSpeech(article)} label='听一听' />
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

/**
 * One fraud type's article, a page of its own (`?type=`), so that the phone's back returns to the library list;
 * opened on its own (a shared link), 返回 leads to the 学习 tab.
 */
export default observer(function ArticlePage() {
  const { knowledge } = useStores()
  const param = useRouter().params.type
  const type = knowledge.articleTypeIn(param)

  useEffect(() => {
    if (type) void knowledge.open(type)
  }, [knowledge, type])

  let body
  if (!type) body = <EmptyBlock title='没有找到这篇防骗知识' description='请回到「学习」里选择一种骗局' />
  else if (knowledge.articleState === 'error') {
    body = <ErrorBlock message={knowledge.articleError ?? '加载失败'} onRetry={() => knowledge.retryArticle()} />
  } else if (knowledge.articleState !== 'ready' || knowledge.article?.fraudType !== type) body = <LoadingBlock />
  else body = <Article article={knowledge.article} />
  return (
    <PageShell>
      <Button className='big-button' size='large' block onClick={() => goBackOr(ROUTES.learn)}>
        返回全部骗局类型
      </Button>
      {body}
    </PageShell>
  )
})
