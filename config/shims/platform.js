// Stands in for the `platform` package (a 42 KB user-agent parser) in the H5 build. Taro's H5 runtime reads it
// only to fill getDeviceInfo()/getSystemInfo() brand, model, system and platform, which this app never shows;
// the operating system's name is kept so those answers stay meaningful.
const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent
const family = /Android/i.test(ua) ? 'Android' : /iPhone|iPad|iPod/i.test(ua) ? 'iOS' : /Windows/i.test(ua) ? 'Windows'
  : /Mac OS X/i.test(ua) ? 'OS X' : /Linux/i.test(ua) ? 'Linux' : null

export default {
  manufacturer: null,
  product: null,
  os: family ? { family, toString: () => family } : null,
}
