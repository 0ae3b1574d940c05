export default definePageConfig({ navigationBarTitleText: '编写通报', enableShareAppMessage: true })
