export default definePageConfig({ navigationBarTitleText: '登记活动' })
