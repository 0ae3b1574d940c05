export default definePageConfig({ navigationBarTitleText: '签承诺书' })
