export default definePageConfig({ navigationBarTitleText: '反诈宣防通' })
