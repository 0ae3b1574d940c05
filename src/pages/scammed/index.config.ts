export default definePageConfig({ navigationBarTitleText: '我被骗了怎么办' })
