export default definePageConfig({ navigationBarTitleText: '入户宣防' })
