export default definePageConfig({ navigationBarTitleText: '入户覆盖' })
