export default definePageConfig({ navigationBarTitleText: '统计通报' })
