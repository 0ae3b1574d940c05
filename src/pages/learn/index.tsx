import { Text } from '@tarojs/components'
import { EmptyBlock } from '@/components/page-state'
import { PageShell } from '@/components/page-shell'

export default function LearnPage() {
  return (
    <PageShell>
      <Text className='page-title'>学防骗</Text>
      <EmptyBlock title='内容即将上线' description='刷单返利、冒充公检法、杀猪盘等常见骗局讲解正在整理中' />
    </PageShell>
  )
}
