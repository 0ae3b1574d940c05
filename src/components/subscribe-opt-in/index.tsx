import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { SubscribeInput } from '@/contract/reminders'
import { SUBSCRIBE_TEMPLATES, type SubscribeTemplateKey } from '@/core/outbox'
import { useStore } from '@/stores/stores-context'
import { subscriptionStore } from '@/stores/subscription-store'

/**
 * The WeChat template ids chosen in the mini-program console. Each must equal the server's
 * BULLETIN_REMINDER_TEMPLATE_ID / WARNING_REMINDER_TEMPLATE_ID; a real deployment puts its own ids here.
 */
const TEMPLATE_IDS: Record<SubscribeTemplateKey, string> = {
  bulletin_reminder: 'demo-bulletin-reminder-template',
  warning_overdue: 'demo-warning-overdue-template',
}

/** WeChat answers per template id; a dialog closed without an answer counts as a refusal. */
async function askWeChat(templateKey: SubscribeTemplateKey): Promise<SubscribeInput['result']> {
  const id = TEMPLATE_IDS[templateKey]
  try {
    const answer = await Taro.requestSubscribeMessage({ tmplIds: [id], entityIds: [] })
    const result = (answer as unknown as Record<string, string>)[id]
    return result === 'accept' || result === 'ban' || result === 'filter' ? result : 'reject'
  } catch {
    return 'reject'
  }
}

/** Subscribe messages came with base library 2.4.4 and are missing in some WeChat clients (PC, WeCom). */
function canAskWeChat(): boolean {
  return typeof Taro.requestSubscribeMessage === 'function'
}

/** A card that asks WeChat for one more subscribe message of the template; the tap is what WeChat requires. */
export const SubscribeOptIn = observer(function SubscribeOptIn({ templateKey, buttonText }: { templateKey: SubscribeTemplateKey; buttonText: string }) {
  const subscriptions = useStore(subscriptionStore)
  const template = SUBSCRIBE_TEMPLATES[templateKey]
  const message = subscriptions.messages[templateKey]
  return (
    <View className='card'>
      <Text className='card-title'>{template.title}</Text>
      <Text className='hint'>{template.description}。每点一次“允许”可收到一次提醒。</Text>
      {process.env.TARO_ENV === 'weapp' && !canAskWeChat() ? (
        <Text className='hint'>{`当前微信版本不支持订阅消息，请升级微信后再开启${template.title}。`}</Text>
      ) : process.env.TARO_ENV === 'weapp' ? (
        <Button className='big-button' type='primary' size='large' block onClick={() => void askWeChat(templateKey).then((r) => subscriptions.record(templateKey, r))}>
          {buttonText}
        </Button>
      ) : (
        <Text className='hint'>{`${template.title}是微信订阅消息，请在微信小程序中开启。`}</Text>
      )}
      {message && <Text className='notice-text'>{message}</Text>}
    </View>
  )
})
