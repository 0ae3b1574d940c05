import { Text } from '@tarojs/components'
import { EmptyBlock } from '@/components/page-state'
import { PageShell } from '@/components/page-shell'

export default function QuizPage() {
  return (
    <PageShell>
      <Text className='page-title'>每日答题</Text>
      <EmptyBlock title='内容即将上线' description='每天几道反诈小题目，答对还能领礼品，敬请期待' />
    </PageShell>
  )
}
