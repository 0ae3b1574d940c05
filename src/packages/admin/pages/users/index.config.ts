export default definePageConfig({ navigationBarTitleText: '人员管理' })
