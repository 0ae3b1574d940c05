export default definePageConfig({ navigationBarTitleText: '标注微信群' })
