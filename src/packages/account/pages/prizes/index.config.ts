export default definePageConfig({ navigationBarTitleText: '答题领奖品' })
