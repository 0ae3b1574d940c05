import { Text, View } from '@tarojs/components'
import { HotlineCard } from '@/components/hotline-card'
import { PageShell } from '@/components/page-shell'

/** In the order they matter: minutes count for stopping a transfer, and the next "helper" is usually the same gang. */
const STEPS = [
  { title: '1. 马上报警', text: '立即拨打 110 或反诈专线 96110，说清楚什么时候、转了多少钱、转到哪个账户。越早报警，钱越有可能被拦下。' },
  { title: '2. 保留证据', text: '不要删除聊天记录、通话记录、短信和转账凭证，记下对方的电话、微信号、收款账户和让您下载的 APP 名称，截图保存。' },
  { title: '3. 尽快止付', text: '打银行卡背面的客服电话，或在手机银行里挂失、冻结账户；报警后，民警会对骗子的收款账户紧急止付。' },
  { title: '4. 不再转账', text: '说能“帮您追回损失”“退款”“解冻”的，都是骗子。不要再给任何人转账，不要说出验证码，不要和陌生人共享屏幕。' },
  { title: '5. 装上国家反诈中心 APP', text: '在应用商店搜索“国家反诈中心”，开启来电预警；可以一键举报诈骗电话、短信和网址。' },
]

/** What to do right after being defrauded, with the calls for help at the top. */
export default function ScammedPage() {
  return (
    <PageShell>
      <Text className='page-title'>我被骗了怎么办</Text>
      <HotlineCard withGuide={false} />
      {STEPS.map((step) => (
        <View key={step.title} className='card'>
          <Text className='card-title'>{step.title}</Text>
          <Text className='hint'>{step.text}</Text>
        </View>
      ))}
    </PageShell>
  )
}
