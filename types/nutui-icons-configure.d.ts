// @nutui/icons-react-taro types only its index; src/app.ts imports this one module of it (see there why).
declare module '@nutui/icons-react-taro/dist/es/icons/configure.js' {
  export function configure(config: { tag?: string; classPrefix?: string; fontClassName?: string; useSvg?: boolean }): void
}
