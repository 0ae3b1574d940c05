export default defineAppConfig({
  pages: ['pages/home/index', 'pages/learn/index', 'pages/quiz/index', 'pages/me/index', 'pages/login/index'],
  subPackages: [
    { root: 'packages/worker', pages: ['pages/home/index'] },
    { root: 'packages/admin', pages: ['pages/home/index'] },
  ],
  lazyCodeLoading: 'requiredComponents',
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c62828',
    navigationBarTitleText: '反诈宣防通',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#c62828',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/learn/index', text: '学习' },
      { pagePath: 'pages/quiz/index', text: '答题' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
})
