export default definePageConfig({ navigationBarTitleText: '查看承诺书' })
