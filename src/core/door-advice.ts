/** What a resident sees after scanning a door label, and what every printed label carries. Nothing about the household. */

export const STATION = '柏林派出所'
export const ANTI_FRAUD_HOTLINE = '96110'
export const LABEL_SLOGAN = '反诈不停歇，平安你我他'
/** One printed sheet holds a grid's worth of labels; a larger selection would make a response of many megabytes. */
export const MAX_LABELS_PER_REQUEST = 500

export const DOOR_ADVICE: { station: string; hotline: string; tips: string[] } = {
  station: STATION,
  hotline: ANTI_FRAUD_HOTLINE,
  tips: [
    '公检法机关不会通过电话、微信办案，更不会要求转账到“安全账户”。',
    '网上刷单、点赞返利都是诈骗，先垫付再返钱的一律不要信。',
    '陌生人让您下载会议软件、共享屏幕，请立即挂断。',
    '“高收益、稳赚不赔”的投资理财，十有八九是骗局。',
    '接到 96110 来电请务必接听，那是反诈中心在提醒您。',
    '安装“国家反诈中心”APP，开启来电预警，守好全家钱袋子。',
  ],
}
