export default definePageConfig({ navigationBarTitleText: '每日警情通报', enableShareAppMessage: true })
