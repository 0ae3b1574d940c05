export default definePageConfig({ navigationBarTitleText: '奖品设置' })
