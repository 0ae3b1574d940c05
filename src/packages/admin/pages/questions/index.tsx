import { useEffect } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, SearchBar, Tag } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import type { QuestionKind } from '@/core/questions'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { draftOptions } from '@/stores/question-admin-store'
import { useStore, useStores } from '@/stores/stores-context'
import { questionAdminStore } from '@/stores/question-admin-store'
import { Field } from '../../components/form-field'
import { SheetImportPanel } from '../../components/sheet-import-panel'
import './index.scss'

const KINDS: { kind: QuestionKind; label: string }[] = [
  { kind: 'single', label: '单选' },
  { kind: 'multiple', label: '多选' },
  { kind: 'true_false', label: '判断' },
]
const LETTERS = 'ABCDEFGH'

function Choice({ on, label, onClick }: { on: boolean; label: string; onClick: () => void }) {
  return (
    <Tag className='tag-choice' type={on ? 'primary' : 'default'} plain={!on} onClick={onClick}>
      {on ? `✓ ${label}` : label}
    </Tag>
  )
}

/** Every keystroke goes to the store's draft, which survives a refused save. */
const QuestionForm = observer(function QuestionForm() {
  const questionAdmin = useStore(questionAdminStore)
  const d = questionAdmin.draft
  if (!d) return null
  const options = draftOptions(d)
  return (
    <View className='card'>
      <Text className='card-title'>{d.id ? '修改题目' : '新增题目'}</Text>
      <Field label='题型'>
        <View>{KINDS.map((k) => <Choice key={k.kind} on={d.kind === k.kind} label={k.label} onClick={() => questionAdmin.editDraft({ kind: k.kind })} />)}</View>
      </Field>
      <Field label='题干'>
        <Textarea className='form-textarea' value={d.stem} maxlength={-1} onInput={(e) => questionAdmin.editDraft({ stem: e.detail.value })} />
      </Field>
      {d.kind !== 'true_false' && (
        <Field label='选项（每行一个）'>
          <Textarea className='form-textarea' value={d.options} maxlength={-1} onInput={(e) => questionAdmin.editDraft({ options: e.detail.value })} />
        </Field>
      )}
      <Field label={d.kind === 'multiple' ? '正确答案（可多选）' : '正确答案'}>
        <View>
          {options.map((o, i) => (
            <Choice key={i} on={d.answer.includes(i)} label={`${LETTERS[i]}. ${o}`} onClick={() => questionAdmin.toggleAnswer(i)} />
          ))}
        </View>
      </Field>
      <Field label='解析'>
        <Textarea className='form-textarea' value={d.explanation} maxlength={-1} onInput={(e) => questionAdmin.editDraft({ explanation: e.detail.value })} />
      </Field>
      <Field label='骗局类型'>
        <View>
          {questionAdmin.fraudTypes.map((t) => <Choice key={t.key} on={d.fraudType === t.key} label={t.name} onClick={() => questionAdmin.editDraft({ fraudType: t.key })} />)}
        </View>
      </Field>
      <Field label='难度'>
        <View>{([1, 2, 3] as const).map((n) => <Choice key={n} on={d.difficulty === n} label={`${n} 级`} onClick={() => questionAdmin.editDraft({ difficulty: n })} />)}</View>
      </Field>
      <Field label='状态'>
        <View>
          <Choice on={d.active} label='启用' onClick={() => questionAdmin.editDraft({ active: true })} />
          <Choice on={!d.active} label='停用' onClick={() => questionAdmin.editDraft({ active: false })} />
        </View>
      </Field>
      {questionAdmin.saveError && <Text className='error-text'>{`保存失败：${questionAdmin.saveError}`}</Text>}
      <Button className='big-button' type='primary' size='large' block loading={questionAdmin.saving} onClick={() => void questionAdmin.save()}>
        保存
      </Button>
      <Button className='big-button' size='large' block onClick={() => questionAdmin.cancelEdit()}>
        取消
      </Button>
    </View>
  )
})

const QuestionList = observer(function QuestionList() {
  const questionAdmin = useStore(questionAdminStore)
  if (questionAdmin.state === 'error') return <ErrorBlock message={questionAdmin.error ?? '加载失败'} onRetry={() => void questionAdmin.load(questionAdmin.page)} />
  if (questionAdmin.state !== 'ready') return <LoadingBlock />
  if (questionAdmin.items.length === 0) return <EmptyBlock title='没有找到题目' description='可以新增题目，或用表格导入' />
  return (
    <View>
      <Text className='hint'>{`共 ${questionAdmin.total} 题，第 ${questionAdmin.page} / ${questionAdmin.pageCount} 页`}</Text>
      {questionAdmin.items.map((q) => (
        <View key={q.id} className='card tap-target' role='button' hoverClass='card-hover' onClick={() => questionAdmin.startEdit(q)}>
          <Text className='card-title'>{q.stem}</Text>
          <Text className='hint'>
            {`${KINDS.find((k) => k.kind === q.kind)?.label ?? ''} · ${questionAdmin.fraudTypeName(q.fraudType)} · 难度 ${q.difficulty} · ${q.active ? '启用' : '已停用'}`}
          </Text>
        </View>
      ))}
      <View className='pager'>
        <Button className='big-button' size='large' disabled={questionAdmin.page <= 1} onClick={() => void questionAdmin.load(questionAdmin.page - 1)}>
          上一页
        </Button>
        <Button className='big-button' size='large' disabled={questionAdmin.page >= questionAdmin.pageCount} onClick={() => void questionAdmin.load(questionAdmin.page + 1)}>
          下一页
        </Button>
      </View>
    </View>
  )
})

export default observer(function QuestionsAdminPage() {
  const { session } = useStores()
  const questionAdmin = useStore(questionAdminStore)
  const allowed = session.can('quiz.manage')

  useEffect(() => {
    if (allowed && questionAdmin.state === 'idle') void questionAdmin.load(1)
  }, [allowed, questionAdmin])

  if (!allowed) {
    return (
      <PageShell>
        <EmptyBlock title='您没有管理题库的权限' description='题库由派出所管理' />
      </PageShell>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>题库</Text>
      <QuestionForm />
      {!questionAdmin.draft && (
        <Button className='big-button' type='primary' size='large' block onClick={() => questionAdmin.startNew()}>
          新增题目
        </Button>
      )}
      <SearchBar
        value={questionAdmin.query}
        placeholder='按题干查找'
        onChange={(q) => questionAdmin.setQuery(q)}
        onSearch={() => void questionAdmin.load(1)}
      />
      <Button className='big-button' size='large' block onClick={() => void questionAdmin.load(1)}>
        查找
      </Button>
      <View>
        <Choice on={questionAdmin.fraudType === undefined} label='全部类型' onClick={() => questionAdmin.filterByType(undefined)} />
        {questionAdmin.fraudTypes.map((t) => (
          <Choice key={t.key} on={questionAdmin.fraudType === t.key} label={t.name} onClick={() => questionAdmin.filterByType(t.key)} />
        ))}
      </View>
      <QuestionList />
      {process.env.TARO_ENV === 'h5' && (
        <SheetImportPanel
          importer={questionAdmin.questionImport}
          title='导入题目（Excel）'
          hint='先下载模板，按模板填写后选择文件。有任何一行出错，就一题也不导入，并列出每行的问题。'
          subject='题目'
          templateFileName='题库导入模板.xlsx'
          doneText={(n) => `新增 ${n} 题`}
        />
      )}
    </PageShell>
  )
})
