// Taro reads this file at build time in Node: it may import only files that import nothing (a relative path, no alias).
import { APP_PAGES, APP_SUBPACKAGES } from './navigation/routes'

// Drawn by scripts/draw-icons.js: an outline for the other tabs and the filled shape for the open one, so the open tab
// is told by shape, not by colour alone. WeChat's tab bar takes only bitmaps; the H5 build inlines its icons into the
// first script every resident loads, where the SVGs cost a quarter of the PNGs.
const TAB_ICON_TYPE = process.env.TARO_ENV === 'h5' ? 'svg' : 'png'
const TAB_ICONS = (name: string) => ({ iconPath: `assets/tab/${name}.${TAB_ICON_TYPE}`, selectedIconPath: `assets/tab/${name}-on.${TAB_ICON_TYPE}` })

export default defineAppConfig({
  pages: APP_PAGES,
  subPackages: APP_SUBPACKAGES,
  // Workers reach their forms from 我的 and from a scanned door label: fetch the worker subpackage (home, visit, pledge)
  // as soon as those pages show, on any network, so the forms open at the door even when the signal is gone by then.
  preloadRule: {
    'pages/me/index': { network: 'all', packages: ['packages/worker', 'packages/account'] },
    'pages/door/index': { network: 'all', packages: ['packages/worker'] },
    // 我的奖品 follows a finished quiz.
    'pages/quiz/index': { network: 'all', packages: ['packages/account'] },
  },
  lazyCodeLoading: 'requiredComponents',
  // 听通报 / 听一听 read aloud through WeChat's 同声传译 (textToSpeech). The plugin must also be added to the app in
  // 小程序管理后台 → 设置 → 第三方设置 → 插件管理; until then requirePlugin fails and the 听 buttons stay hidden.
  plugins: { WechatSI: { version: '0.3.6', provider: 'wx069ba97219f66d99' } },
  // The visit form and the pledge may record where they were made, only when the worker taps 记录位置.
  requiredPrivateInfos: ['getLocation'],
  permission: { 'scope.userLocation': { desc: '记录入户走访和签署承诺书的位置，便于核实宣防到户' } },
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
      { pagePath: 'pages/home/index', text: '首页', ...TAB_ICONS('home') },
      { pagePath: 'pages/learn/index', text: '学习', ...TAB_ICONS('learn') },
      { pagePath: 'pages/quiz/index', text: '答题', ...TAB_ICONS('quiz') },
      { pagePath: 'pages/me/index', text: '我的', ...TAB_ICONS('me') },
    ],
  },
})
