import { useEffect, useState } from 'react'
import dayjs from 'dayjs'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import type { MyData } from '@/contract/residence'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ROUTES } from '@/navigation/routes'
import { useStores } from '@/stores/stores-context'
import './index.scss'

const LEAVE_WARNING = '注销后，您的居住地登记、答题记录和奖品领取记录将被删除，且无法恢复。'
  + '已统计的匿名人数不受影响。以后可以重新登记居住地。'

function DataCard({ data }: { data: MyData }) {
  const { session } = useStores()
  return (
    <View className='card'>
      <Text className='card-title'>{data.displayName}</Text>
      <Text className='my-data-line'>注册时间：{dayjs(data.createdAt).format('YYYY-MM-DD')}</Text>
      <Text className='my-data-line'>
        身份：{data.roles.length > 0 ? data.roles.map((r) => session.roleAt(r)).join('；') : '暂无'}
      </Text>
      <Text className='my-data-line'>
        居住地：{data.residence ? `${data.residence.townName} ${data.residence.villageName}` : '未登记'}
        {data.residence?.householdCode ? `（门牌 ${data.residence.householdCode}）` : ''}
      </Text>
      <Text className='my-data-line'>答题记录：{data.quizAttempts} 次</Text>
      <Text className='my-data-line'>奖品领取：{data.prizeClaims} 次</Text>
    </View>
  )
}

/** Everything stored about the signed-in person, and 注销居民身份, as the privacy policy promises. */
export default observer(function MyDataPage() {
  const { residence, session } = useStores()
  const [confirming, setConfirming] = useState(false)
  const signedIn = session.isSignedIn
  const { myData } = residence

  useEffect(() => {
    if (signedIn) void residence.loadMyData()
  }, [residence, signedIn])

  const leave = async () => {
    setConfirming(false)
    if (await residence.leave()) void Taro.showToast({ title: '已注销居民身份', icon: 'success' })
  }

  let body
  if (!signedIn) body = <EmptyBlock title='请先登录' description='登录后可查看我们保存的您的数据' />
  else if (myData.state === 'error') body = <ErrorBlock message={myData.error ?? '加载失败'} onRetry={() => void residence.loadMyData()} />
  else if (!myData.value) body = <LoadingBlock />
  else {
    const data = myData.value
    body = (
      <View>
        <DataCard data={data} />
        {residence.leaveError && <Text className='error-text'>{residence.leaveError}</Text>}
        {data.residence ? (
          <Button className='big-button' size='large' block loading={residence.leaving} onClick={() => setConfirming(true)}>
            注销居民身份
          </Button>
        ) : (
          <Button className='big-button' type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: ROUTES.residence })}>
            登记居住地
          </Button>
        )}
      </View>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>我的数据</Text>
      <Text className='hint'>这里是本小程序保存的关于您的全部信息</Text>
      {body}
      <Dialog
        visible={confirming}
        title='注销居民身份'
        content={LEAVE_WARNING}
        confirmText='确定注销'
        cancelText='取消'
        onConfirm={() => void leave()}
        onCancel={() => setConfirming(false)}
      />
    </PageShell>
  )
})
