import type { SeededRandom } from './random'

/** Common surnames in 重庆 villages; the most frequent appear twice so that they come up more often. */
const SURNAMES = [
  '王', '王', '李', '李', '张', '张', '刘', '刘', '陈', '陈', '杨', '杨', '黄', '赵', '周', '吴', '徐', '罗', '罗',
  '何', '何', '邓', '唐', '谢', '曾', '彭', '蒋', '谭', '冉', '向', '袁', '熊', '余', '胡', '钟', '廖', '付', '龚',
  '夏', '程', '雷', '秦', '汪', '邹', '江', '代', '游', '穆', '税', '母',
]

const GIVEN_CHARS = [
  '建', '国', '明', '华', '秀', '英', '兰', '德', '福', '贵', '志', '强', '军', '平', '春', '梅', '芳', '玉', '成',
  '海', '红', '文', '云', '清', '光', '永', '丽', '金', '荣', '桂', '勇', '伟', '琴', '学', '忠', '富', '兴', '刚',
  '珍', '霞', '凤', '林', '素', '远', '庆', '敏', '静', '涛', '燕', '川',
]

/** Streets of the town-centre communities (社区): their addresses are "<社区><街>x号" rather than "<村>x组x号". */
export const COMMUNITY_STREETS = ['正街', '新街', '老街', '滨河路', '人民路', '文化路', '中心街', '建设路', '学堂巷', '柏树街']

export function personName(random: SeededRandom): string {
  const given = random.chance(0.7) ? random.pick(GIVEN_CHARS) + random.pick(GIVEN_CHARS) : random.pick(GIVEN_CHARS)
  return random.pick(SURNAMES) + given
}
