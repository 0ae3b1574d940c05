export default definePageConfig({ navigationBarTitleText: '预警处置', enablePullDownRefresh: true })
