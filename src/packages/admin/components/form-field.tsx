import type { ComponentProps, PropsWithChildren } from 'react'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import './form-field.scss'

/** A labelled row of an admin form; the label sits above so that long Chinese labels never squeeze the input. */
export function Field({ label, children }: PropsWithChildren<{ label: string }>) {
  return (
    <View className='form-field'>
      <Text className='form-label'>{label}</Text>
      {children}
    </View>
  )
}

export interface InputFieldSpec<K extends string> {
  key: K
  label: string
  placeholder: string
  type?: ComponentProps<typeof Input>['type']
}

interface InputFieldsProps<K extends string> {
  fields: readonly InputFieldSpec<K>[]
  values: Readonly<Record<K, string>>
  onEdit: (key: K, value: string) => void
}

/** One-line text inputs of a draft, one Field each. An observer, so that each keystroke in the draft re-renders it. */
export const InputFields = observer(function InputFields<K extends string>({ fields, values, onEdit }: InputFieldsProps<K>) {
  return (
    <>
      {fields.map((f) => (
        <Field key={f.key} label={f.label}>
          <Input value={values[f.key]} type={f.type} placeholder={f.placeholder} onChange={(value) => onEdit(f.key, value)} />
        </Field>
      ))}
    </>
  )
}) as <K extends string>(props: InputFieldsProps<K>) => JSX.Element
