import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'

/** What we collect, why, and for how long: one card per kind of information, in plain words. */
const SECTIONS = [
  {
    title: '微信身份（openid）',
    what: '您用微信登录时，微信告诉我们的一串编号，用来认出是您。我们拿不到您的微信号、好友和聊天内容。',
    why: '让您下次打开不用重新登录，记住您的答题和领奖记录。',
    keep: '在您使用期间保存；您注销或 2 年未登录后删除。',
  },
  {
    title: '称呼',
    what: '您的昵称或姓名（工作人员由派出所登记）。',
    why: '在“我的”页面显示；兑奖时工作人员只看到打了星号的称呼。',
    keep: '与微信身份一起保存和删除。',
  },
  {
    title: '所在地区',
    what: '您所在的镇、村（社区），工作人员还有负责的网格；在门牌前点“我住这里”时，还记下是哪一户的门牌。不收集身份证号和手机号。',
    why: '显示本地的警情通报、奖品和村（社区）答题排行。排行只按村统计，不显示任何人的名字。',
    keep: '与微信身份一起保存和删除。',
  },
  {
    title: '入户走访和承诺书记录（仅工作人员）',
    what: '网格员、民警上门宣传时记录的走访情况、签署的防骗承诺书和签名。',
    why: '核实宣传是否到户，统计入户覆盖。',
    keep: '按公安机关档案要求保存 3 年，到期删除。',
  },
  {
    title: '答题记录',
    what: '每天答了哪些题、选了什么、用了多长时间、得分。',
    why: '计算成绩、连续答题天数和领奖资格，发现作弊。',
    keep: '保存 1 年，到期删除；村排行只用汇总数字。',
  },
  {
    title: '领奖记录',
    what: '领了什么奖品、兑换码、何时领取和兑换。',
    why: '防止重复领取，方便您到领取地点兑换。',
    keep: '保存 1 年，到期删除。',
  },
  {
    title: '位置（可选）',
    what: '仅在工作人员点“记录位置”时取得的当时位置。居民使用时不取位置。',
    why: '核实入户走访和签署承诺书确在现场。',
    keep: '随走访记录保存 3 年。不同意也能正常使用其他功能。',
  },
] as const

export default function PrivacyPage() {
  return (
    <PageShell>
      <Text className='page-title'>隐私政策</Text>
      <Text className='hint'>反诈宣防通由当地派出所用于反诈宣传。我们只收集下面写明的信息，不卖给任何人，不用于广告。</Text>
      {SECTIONS.map((s) => (
        <View key={s.title} className='card'>
          <Text className='card-title'>{s.title}</Text>
          <Text className='privacy-line'>{`收集什么：${s.what}`}</Text>
          <Text className='privacy-line'>{`为什么：${s.why}`}</Text>
          <Text className='privacy-line'>{`保存多久：${s.keep}`}</Text>
        </View>
      ))}
      <View className='card'>
        <Text className='card-title'>您的权利</Text>
        <Text className='privacy-line'>在“我的 → 我的数据”可以随时查看我们保存的您的信息，并可“注销居民身份”：解除居住地，删除您的答题和领奖记录，只留下不含您身份的统计数字。</Text>
        <Text className='privacy-line'>您可以随时退出登录；需要更正或删除其他信息，请联系所在村（社区）或派出所，我们会在 15 个工作日内处理。</Text>
        <Text className='privacy-line'>遇到诈骗请拨打 96110 或报警 110。</Text>
      </View>
    </PageShell>
  )
}
