// A ring for the other tabs and a filled disc for the open one: the open tab is told by shape, not by colour alone.
const TAB_ICONS = { iconPath: 'assets/tab/tab-off.png', selectedIconPath: 'assets/tab/tab-on.png' }

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
      { pagePath: 'pages/home/index', text: '首页', ...TAB_ICONS },
      { pagePath: 'pages/learn/index', text: '学习', ...TAB_ICONS },
      { pagePath: 'pages/quiz/index', text: '答题', ...TAB_ICONS },
      { pagePath: 'pages/me/index', text: '我的', ...TAB_ICONS },
    ],
  },
})
