export default definePageConfig({ navigationBarTitleText: '群管理' })
