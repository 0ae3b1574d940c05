import { createElement, type CSSProperties, type PropsWithChildren } from 'react'

// Taro components as plain DOM elements: enough for rendering and clicks; Taro-only props are dropped.
interface Props {
  className?: string
  id?: string
  role?: string
  'aria-label'?: string
  'aria-checked'?: boolean | string
  'aria-hidden'?: string | boolean
  style?: CSSProperties
  /** Kept for <Image>, so that a test can tell which picture is shown. */
  src?: string
  onClick?: () => void
}

function host(tag: string) {
  return function Host({
    className, id, role, 'aria-label': ariaLabel, 'aria-checked': ariaChecked, 'aria-hidden': ariaHidden, style, src, onClick, children,
  }: PropsWithChildren<Props>) {
    return createElement(tag, { className, id, role, 'aria-label': ariaLabel, 'aria-checked': ariaChecked, 'aria-hidden': ariaHidden, style, src, onClick }, children)
  }
}

export const View = host('div')
export const Text = host('span')
export const Button = host('button')
export const ScrollView = host('div')
export const Image = host('img')

/** Taro's Textarea reports typing as `onInput({ detail: { value } })`. */
export function Textarea({ className, value, placeholder, onInput }: { className?: string; value?: string; placeholder?: string; onInput?: (e: { detail: { value: string } }) => void }) {
  return createElement('textarea', { className, value, placeholder, onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }) })
}

/** Taro's Input reports typing the same way. */
export function Input({ className, value, placeholder, onInput }: { className?: string; value?: string; placeholder?: string; onInput?: (e: { detail: { value: string } }) => void }) {
  return createElement('input', { className, value, placeholder, onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }) })
}
