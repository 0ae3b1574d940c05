import type { ChangeEvent, KeyboardEvent, PropsWithChildren, ReactNode } from 'react'

// NutUI components reduced to accessible DOM: tests look for visible text and roles, as a user would.
interface ButtonProps {
  className?: string
  disabled?: boolean
  loading?: boolean
  onClick?: (e: { stopPropagation(): void }) => void
  // NutUI passes these through to the button.
  'aria-label'?: string
  'aria-pressed'?: boolean
}

export function Button({ className, disabled, loading, onClick, children, ...props }: PropsWithChildren<ButtonProps>) {
  return (
    <button className={className} disabled={disabled || loading} onClick={onClick} aria-label={props['aria-label']} aria-pressed={props['aria-pressed']}>
      {children}
    </button>
  )
}

interface CellProps {
  className?: string
  title?: ReactNode
  description?: ReactNode
  extra?: ReactNode
  onClick?: () => void
}

export function Cell({ className, title, description, extra, onClick }: CellProps) {
  return (
    <div className={className} onClick={onClick}>
      <div>{title}</div>
      {description && <div>{description}</div>}
      {extra && <div>{extra}</div>}
    </div>
  )
}

export function CellGroup({ children }: PropsWithChildren) {
  return <div>{children}</div>
}

export function Empty({ image, title, description }: { image?: ReactNode; title?: ReactNode; description?: ReactNode }) {
  return (
    <div>
      {image}
      <div>{title}</div>
      {description && <div>{description}</div>}
    </div>
  )
}

export function Loading({ children }: PropsWithChildren) {
  return <div role='status'>{children}</div>
}

export function Tag({ onClick, children }: PropsWithChildren<{ onClick?: () => void }>) {
  return <span onClick={onClick}>{children}</span>
}

interface InputProps {
  value?: string
  type?: string
  placeholder?: string
  onChange?: (value: string) => void
}

export function Input({ value, type, placeholder, onChange }: InputProps) {
  return <input type={type} placeholder={placeholder} value={value} onChange={(e: ChangeEvent<HTMLInputElement>) => onChange?.(e.target.value)} />
}

interface SwitchProps {
  checked?: boolean
  ariaLabel?: string
  onChange?: (on: boolean) => void
}

export function Switch({ checked, ariaLabel, onChange }: SwitchProps) {
  return (
    <input
      type='checkbox'
      role='switch'
      aria-label={ariaLabel}
      checked={checked}
      onChange={(e: ChangeEvent<HTMLInputElement>) => onChange?.(e.target.checked)}
    />
  )
}

interface SearchBarProps {
  value?: string
  placeholder?: string
  right?: ReactNode
  onChange?: (value: string) => void
  onSearch?: (value: string) => void
}

export function SearchBar({ value, placeholder, right, onChange, onSearch }: SearchBarProps) {
  return (
    <div>
      <input
        type='search'
        placeholder={placeholder}
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange?.(e.target.value)}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => e.key === 'Enter' && onSearch?.(e.currentTarget.value)}
      />
      {right}
    </div>
  )
}

interface DialogProps {
  visible?: boolean
  title?: ReactNode
  content?: ReactNode
  confirmText?: ReactNode
  cancelText?: ReactNode
  onConfirm?: () => void
  onCancel?: () => void
}

export function Dialog({ visible, title, content, confirmText, cancelText, onConfirm, onCancel }: DialogProps) {
  if (!visible) return null
  return (
    <div role='dialog'>
      <div>{title}</div>
      <div>{content}</div>
      <button onClick={onCancel}>{cancelText}</button>
      <button onClick={onConfirm}>{confirmText}</button>
    </div>
  )
}
