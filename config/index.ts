import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import path from 'node:path'
import devConfig from './dev'
import prodConfig from './prod'

// `taro build --type X` sets TARO_ENV before this file loads: weapp -> dist/weapp, h5 -> dist/h5
const taroEnv = process.env.TARO_ENV ?? 'weapp'

// H5 is served by our own server on the same origin, so relative URLs suffice; the mini-program needs an absolute host.
const apiBaseUrl = taroEnv === 'h5' ? '' : (process.env.API_BASE_URL ?? 'http://127.0.0.1:3000')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xuanfang',
    date: '2026-11-23',
    // NutUI is drawn at 375 px; our own styles at 750 px.
    designWidth: (input) => (typeof input === 'object' && input.file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750),
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${taroEnv}`,
    // Preact through its React compatibility layer: the same components and hooks (mobx-react-lite, NutUI) for about
    // 35 KB gzip less than react-dom, on the resident's first load (H5) and in the weapp main package.
    framework: 'preact',
    compiler: 'webpack5',
    // webpack's persistent cache (node_modules/.cache) only for watch builds: with it, a production weapp build after a
    // change that renumbered a shared module kept the subpackages' old sub-common chunks, which then required a
    // module id that no longer existed and every page using a NutUI icon there failed with React error #130
    // (found by tests/weapp). A production build is ~45 s without it instead of ~15 s.
    cache: { enable: process.env.NODE_ENV === 'development' },
    defineConstants: { API_BASE_URL: JSON.stringify(apiBaseUrl) },
    mini: {
      // NutUI's per-component CSS is imported in a different order by different pages; the rules do not overlap.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: { pxtransform: { enable: true, config: {} } },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin) // "@/*" from tsconfig paths
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: process.env.H5_ROUTER === 'browser' ? 'browser' : 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: { autoprefixer: { enable: true, config: {} } },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Taro's H5 default is splitChunks.chunks='initial': each lazy page chunk then carries its
        // own copy of mobx + component wrappers. 'all' lets page chunks share them.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' })
        // Taro's H5 runtime always imports polyfills for fetch and AbortController, and a JSONP client for
        // Taro.request({ jsonp }). Every browser we build for (package.json browserslist: ES modules, so Chrome 61+,
        // WeChat's built-in browser included) has both natively, and we never ask for JSONP: ~47 KB raw that every
        // resident downloaded first and nobody ran.
        const unused = ['whatwg-fetch', 'abortcontroller-polyfill/dist/abortcontroller-polyfill-only', 'jsonp-retry']
        chain.merge({ resolve: { alias: Object.fromEntries(unused.map((name) => [name, false])) } })
        chain.resolve.alias.set('platform$', path.resolve(__dirname, 'shims/platform.js'))
      },
    },
  }
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig)
})
