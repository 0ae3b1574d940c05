import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import { ROUTES } from '@/navigation/routes'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore, useStores } from '@/stores/stores-context'
import { regionStore } from '@/stores/region-store'
import type { RegionRow } from '@/stores/region-store'
import { AdminEntries, BULLETIN_ENTRIES, DOOR_TO_DOOR_ENTRIES, type AdminEntry } from '../../components/admin-entries'
import { RegionImportPanel } from '../../components/region-import-panel'
import '../../region-depth.scss'
import './index.scss'

const RESIDENT_ENTRIES: readonly AdminEntry[] = [
  { title: '防骗知识', description: '编辑各类骗局的识别要点、典型话术和防范提示', url: ROUTES.adminKnowledge, action: 'knowledge.write' },
  { title: '扫码学习海报', description: '为宣传活动打印各类骗局和学习路径的二维码海报', url: ROUTES.learnPosters, action: 'activity.write' },
  { title: '题库', description: '查找、修改答题题目，表格导入', url: ROUTES.adminQuestions, action: 'quiz.manage' },
  { title: '奖品', description: '设置奖品、库存和领取条件', url: ROUTES.adminPrizes, action: 'prize.manage' },
  { title: '兑换核销', description: '扫码或输入兑换码，确认发放奖品', url: ROUTES.redeem, action: 'prize.redeem' },
]

const WARNING_ENTRIES: readonly AdminEntry[] = [
  { title: '预警劝阻', description: '派发预警、查看处置进度和时限达标，超时的排在最前', url: ROUTES.adminWarnings, action: 'warning.manage' },
]

const MEMBERSHIP_ENTRIES: readonly AdminEntry[] = [
  { title: '人员管理', description: '查找辖区内人员，移除或调整角色，停用和恢复账号', url: ROUTES.adminUsers, action: 'user.manage' },
  { title: '邀请加入', description: '生成邀请二维码和邀请码，让工作人员加入', url: ROUTES.adminInvitations, action: 'user.invite' },
]

const REPORT_ENTRIES: readonly AdminEntry[] = [
  { title: '统计通报', description: '按日、周、月统计宣防成效，导出Excel，复制通报文字', url: ROUTES.reports, action: 'report.read' },
]

const ACTIVITY_ENTRIES: readonly AdminEntry[] = [
  { title: '宣传活动', description: '登记院坝会、赶大集、进校园等活动，按月查看人数和照片', url: ROUTES.activities, action: 'activity.read' },
]

const RegionRowCell = observer(function RegionRowCell({ row }: { row: RegionRow }) {
  const regions = useStore(regionStore)
  const { node, depth, hasChildren, expanded, levelName } = row
  const selected = regions.selectedId === node.id
  const select = () => {
    if (hasChildren) regions.toggle(node.id)
    void regions.selectRegion(node.id)
  }
  return (
    <Cell
      className={`tap-target region-row region-depth-${depth}`}
      title={`${selected ? '✓ ' : ''}${node.name}`}
      description={`${levelName} · ${node.householdCount} 户`}
      extra={hasChildren ? (expanded ? '收起' : '展开') : ''}
      clickable
      onClick={select}
    />
  )
})

const RegionTree = observer(function RegionTree() {
  const regions = useStore(regionStore)
  if (regions.state === 'idle' || regions.state === 'loading') return <LoadingBlock text='正在加载辖区…' />
  if (regions.state === 'error') return <ErrorBlock message={regions.error ?? '加载失败'} onRetry={() => void regions.load()} />
  if (regions.rows.length === 0) return <EmptyBlock title='还没有辖区数据' description='可以用下方的表格导入辖区' />
  return (
    <CellGroup>
      {regions.rows.map((row) => <RegionRowCell key={row.node.id} row={row} />)}
    </CellGroup>
  )
})

const UserList = observer(function UserList() {
  const { session } = useStores()
  const regions = useStore(regionStore)
  const selected = regions.selected
  if (!selected) return null
  let body
  if (regions.usersState === 'error') {
    body = <ErrorBlock message={regions.usersError ?? '加载失败'} onRetry={() => void regions.selectRegion(selected.id)} />
  } else if (regions.usersState !== 'ready') body = <LoadingBlock text='正在加载人员…' />
  else if (regions.users.length === 0) body = <EmptyBlock title='该区域还没有人员' />
  else {
    body = (
      <CellGroup>
        {regions.users.map((u) => (
          <Cell
            key={u.id}
            title={u.displayName}
            description={u.roles.map((r) => session.roleAt(r)).join('；')}
          />
        ))}
      </CellGroup>
    )
  }
  return (
    <View>
      <Text className='section-title'>{selected.name} 的人员（共 {regions.usersTotal} 人）</Text>
      {body}
    </View>
  )
})

export default observer(function AdminHome() {
  const { session } = useStores()
  const regions = useStore(regionStore)
  const allowed = session.isAdminOrCadre

  useEffect(() => {
    if (allowed && regions.state === 'idle') void regions.load()
  }, [allowed, regions])

  return (
    <PageShell>
      <Text className='page-title'>管理后台</Text>
      {allowed ? (
        <View>
          <AdminEntries entries={DOOR_TO_DOOR_ENTRIES} />
          <AdminEntries entries={BULLETIN_ENTRIES} />
          <AdminEntries entries={REPORT_ENTRIES} />
          <AdminEntries entries={ACTIVITY_ENTRIES} />
          <AdminEntries heading='预警劝阻' entries={WARNING_ENTRIES} />
          <AdminEntries heading='学习答题与奖品' entries={RESIDENT_ENTRIES} />
          <AdminEntries heading='人员与邀请' entries={MEMBERSHIP_ENTRIES} />
          <Text className='section-title'>辖区</Text>
          <Text className='hint'>点区域查看下级和人员</Text>
          <RegionTree />
          <UserList />
          {process.env.TARO_ENV === 'h5' && <RegionImportPanel />}
        </View>
      ) : (
        <EmptyBlock title='您没有管理后台的权限' description='管理后台供派出所和村（社区）干部使用' />
      )}
    </PageShell>
  )
})
