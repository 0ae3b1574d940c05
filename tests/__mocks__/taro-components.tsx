import { createElement, type PropsWithChildren } from 'react'

// Taro components as plain DOM elements: enough for rendering and clicks; Taro-only props are dropped.
interface Props {
  className?: string
  id?: string
  onClick?: () => void
}

function host(tag: string) {
  return function Host({ className, id, onClick, children }: PropsWithChildren<Props>) {
    return createElement(tag, { className, id, onClick }, children)
  }
}

export const View = host('div')
export const Text = host('span')
export const Button = host('button')
export const ScrollView = host('div')
export const Image = host('img')
