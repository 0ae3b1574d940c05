export default definePageConfig({ navigationBarTitleText: '扫码学习海报' })
