import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Cell, CellGroup, Dialog, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import type { VisitTask } from '@/contract/visit-tasks'
import { useStore } from '@/stores/stores-context'
import { patrolStore } from '@/stores/patrol-store'
import { useOpenVisitForm } from '../open-visit-form'

function TaskCell({ task }: { task: VisitTask }) {
  const patrol = useStore(patrolStore)
  const openVisitForm = useOpenVisitForm()
  const { household } = task
  const place = household ? `${household.code} · ${task.address}` : task.address || '地址待核实'
  return (
    <Cell
      className='tap-target'
      clickable={household !== null}
      onClick={() => household && openVisitForm(household)}
      title={place}
      description={<Text className='hint'>{task.reasonText}</Text>}
      extra={
        <Button
          type='primary'
          size='small'
          onClick={(e) => {
            // The row itself opens the visit form; this button only closes the task.
            e.stopPropagation()
            patrol.startComplete(task)
          }}
        >
          完成
        </Button>
      }
    />
  )
}

/** Closing a task asks what the worker found, so the station can read it with the warning. */
const CompleteDialog = observer(function CompleteDialog() {
  const patrol = useStore(patrolStore)
  return (
    <Dialog
      visible={patrol.completing !== null}
      title='完成走访任务'
      content={
        <View>
          <Text className='hint'>请简要填写上门核实情况：</Text>
          <Input value={patrol.note} placeholder='如：已见到本人，已提醒勿转账' onChange={(note) => patrol.setNote(note)} />
          {patrol.completeError && <Text className='hint error-text'>{patrol.completeError}</Text>}
        </View>
      }
      confirmText={patrol.saving ? '正在提交…' : '确认完成'}
      cancelText='取消'
      disableConfirmButton={patrol.saving}
      onConfirm={() => void patrol.confirmComplete()}
      onCancel={() => patrol.cancelComplete()}
    />
  )
})

/** 走访任务: doors the station asks for (e.g. a warning that could not be reached), above the suggested doors. */
export const VisitTaskList = observer(function VisitTaskList() {
  const patrol = useStore(patrolStore)
  if (patrol.tasks.length === 0) return null
  return (
    <View>
      <Text className='section-title'>走访任务（{patrol.tasks.length}）</Text>
      <CellGroup>
        {patrol.tasks.map((task) => <TaskCell key={task.id} task={task} />)}
      </CellGroup>
      <CompleteDialog />
    </View>
  )
})
