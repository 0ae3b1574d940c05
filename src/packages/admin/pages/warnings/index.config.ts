export default definePageConfig({ navigationBarTitleText: '预警劝阻' })
