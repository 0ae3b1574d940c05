import { useEffect } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import type { ArticleDraft } from '@/stores/knowledge-store'
import { useStores } from '@/stores/stores-context'
import { Field } from '../../components/form-field'

const FIELDS: { key: keyof ArticleDraft; label: string }[] = [
  { key: 'summary', label: '简介' },
  { key: 'signs', label: '识别要点（每行一条）' },
  { key: 'scripts', label: '典型话术（每行一条）' },
  { key: 'advice', label: '防范提示（每行一条）' },
]

const Editor = observer(function Editor() {
  const { knowledge } = useStores()
  const { draft, article } = knowledge
  if (knowledge.articleState === 'error') return <ErrorBlock message={knowledge.articleError ?? '加载失败'} onRetry={() => knowledge.retryArticle()} />
  if (knowledge.articleState !== 'ready' || !article) return <LoadingBlock />
  if (!draft) {
    return (
      <View className='card'>
        <Text className='card-title'>{article.name}</Text>
        {knowledge.saved && <Text className='hint'>✓ 已保存，居民端立即可见</Text>}
        <Text>{article.summary || '（还没有简介）'}</Text>
        <Text className='hint'>{`识别要点 ${article.signs.length} 条 · 典型话术 ${article.scripts.length} 条 · 防范提示 ${article.advice.length} 条`}</Text>
        <Button className='big-button' type='primary' size='large' block onClick={() => knowledge.startEdit()}>
          编辑
        </Button>
      </View>
    )
  }
  return (
    <View className='card'>
      <Text className='card-title'>{`编辑：${article.name}`}</Text>
      {FIELDS.map((f) => (
        <Field key={f.key} label={f.label}>
          <Textarea className='form-textarea' value={draft[f.key]} maxlength={-1} onInput={(e) => knowledge.editDraft({ [f.key]: e.detail.value })} />
        </Field>
      ))}
      {knowledge.saveError && <Text className='error-text'>{`保存失败：${knowledge.saveError}`}</Text>}
      <Button className='big-button' type='primary' size='large' block loading={knowledge.saving} onClick={() => void knowledge.save()}>
        保存
      </Button>
      <Button className='big-button' size='large' block onClick={() => knowledge.cancelEdit()}>
        取消
      </Button>
    </View>
  )
})

/** The station edits the fraud-type library residents read; the types themselves are fixed. */
export default observer(function KnowledgeAdminPage() {
  const { session, knowledge } = useStores()
  const allowed = session.can('knowledge.write')

  useEffect(() => {
    if (allowed && knowledge.cardsState === 'idle') void knowledge.loadCards()
  }, [allowed, knowledge])

  if (!allowed) {
    return (
      <PageShell>
        <EmptyBlock title='您没有编辑防骗知识的权限' description='防骗知识由派出所编辑' />
      </PageShell>
    )
  }
  let list
  if (knowledge.cardsState === 'error') list = <ErrorBlock message={knowledge.cardsError ?? '加载失败'} onRetry={() => void knowledge.loadCards()} />
  else if (knowledge.cardsState !== 'ready') list = <LoadingBlock />
  else {
    list = knowledge.cards.map((c) => (
      <View
        key={c.fraudType}
        className='card tap-target'
        role='button'
        aria-label={c.name}
        hoverClass='card-hover'
        onClick={() => void knowledge.open(c.fraudType)}
      >
        <Text className='card-title'>{`${knowledge.openType === c.fraudType ? '✓ ' : ''}${c.name}`}</Text>
      </View>
    ))
  }
  return (
    <PageShell>
      <Text className='page-title'>防骗知识</Text>
      {knowledge.openType && <Editor />}
      <Text className='section-title'>选择骗局类型</Text>
      {list}
    </PageShell>
  )
})
