import { createElement, type CSSProperties, type PropsWithChildren } from 'react'

// Taro components as plain DOM elements: enough for rendering and clicks; Taro-only props are dropped.
interface Props {
  className?: string
  id?: string
  role?: string
  'aria-label'?: string
  style?: CSSProperties
  onClick?: () => void
}

function host(tag: string) {
  return function Host({ className, id, role, 'aria-label': ariaLabel, style, onClick, children }: PropsWithChildren<Props>) {
    return createElement(tag, { className, id, role, 'aria-label': ariaLabel, style, onClick }, children)
  }
}

export const View = host('div')
export const Text = host('span')
export const Button = host('button')
export const ScrollView = host('div')
export const Image = host('img')
