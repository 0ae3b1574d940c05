export default definePageConfig({ navigationBarTitleText: '我住在哪里' })
