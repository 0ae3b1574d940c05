import {
  checkActivityInput, chinaDateTimeOf, chinaDateTimeToIso, chinaMonthOf, fitWithin, monthLabel, monthRange, shiftMonth, sniffImageMime, type ActivityDraft,
} from '@/core/activities'

const aDraft = (over: Partial<ActivityDraft> = {}): ActivityDraft => ({
  regionId: 'v1', kind: 'market_day', title: '赶大集宣传', place: '柏林镇集市', heldAt: '2026-11-18T02:00:00.000Z', organiser: '柏林派出所',
  attendance: 300, targetGroups: ['老年人'], materials: 500, summary: '', ...over,
})

describe('activity months', () => {
  it('when a month is asked, then its range runs from Beijing midnight on the 1st to Beijing midnight on the next 1st', () => {
    expect(monthRange('2026-11')).toEqual({ from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') })
  })

  it('when the month is December, then the range ends at the next new year', () => {
    expect(monthRange('2026-12')?.to).toEqual(new Date('2026-12-31T16:00:00Z'))
  })

  it('when the month is not YYYY-MM, then there is no range', () => {
    expect([monthRange('2026-13'), monthRange('2026-1'), monthRange('')]).toEqual([null, null, null])
  })

  it('when it is 23:30 UTC on 31 October, then in Beijing it is already November', () => {
    expect(chinaMonthOf(new Date('2026-10-31T23:30:00Z'))).toBe('2026-11')
  })

  it('when the month switcher moves across a year, then the year changes with it', () => {
    expect([shiftMonth('2026-12', 1), shiftMonth('2026-01', -1), shiftMonth('2026-05', 0)]).toEqual(['2027-01', '2025-12', '2026-05'])
  })

  it('when a month is shown, then it reads as 年 and 月 without a leading zero', () => {
    expect(monthLabel('2026-03')).toBe('2026年3月')
  })
})

describe('activity date and time', () => {
  it('when a date and time are typed, then they are read as Beijing time and come back the same', () => {
    const iso = chinaDateTimeToIso('2026-11-01', '08:05')
    expect(iso).toBe('2026-11-01T00:05:00.000Z')
    expect(chinaDateTimeOf(iso!)).toEqual({ date: '2026-11-01', time: '08:05' })
  })

  it('when the date does not exist or the time is out of range, then there is no instant', () => {
    expect([chinaDateTimeToIso('2026-02-30', '08:00'), chinaDateTimeToIso('2026-11-01', '24:00'), chinaDateTimeToIso('11/01', '08:00')]).toEqual([null, null, null])
  })
})

describe('activity input', () => {
  it('when everything is filled in, then there is no problem', () => {
    expect(checkActivityInput(aDraft())).toEqual([])
  })

  it('when the attendance is negative, then its own code says 参加人数不能为负数', () => {
    expect(checkActivityInput(aDraft({ attendance: -1 }))).toEqual([{ code: 'ACTIVITY_ATTENDANCE_INVALID', message: '参加人数不能为负数' }])
  })

  it('when the attendance is not a whole number, then it is an invalid activity', () => {
    expect(checkActivityInput(aDraft({ attendance: Number.NaN }))).toEqual([{ code: 'ACTIVITY_INVALID', message: '参加人数请填写 0–100000 的整数' }])
  })

  it('when the kind, a target group and the place are wrong, then each is named', () => {
    expect(checkActivityInput(aDraft({ kind: 'party', targetGroups: ['外星人'], place: ' ' })).map((p) => p.message))
      .toEqual(['请选择活动类型', '请填写活动地点', '宣传对象只能从列表中选择'])
  })

  it('when the materials count is negative, then it is named', () => {
    expect(checkActivityInput(aDraft({ materials: -3 })).map((p) => p.message)).toEqual(['发放资料数量请填写不小于 0 的整数'])
  })
})

describe('photo bytes', () => {
  it('when the bytes start like a JPEG, a PNG or a WebP, then that is the type', () => {
    expect(sniffImageMime(Uint8Array.from([0xff, 0xd8, 0xff, 0xdb, 0]))).toBe('image/jpeg')
    expect(sniffImageMime(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png')
    expect(sniffImageMime(Uint8Array.from([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50]))).toBe('image/webp')
  })

  it('when the bytes are a GIF, a RIFF wave or too short, then there is no type', () => {
    expect(sniffImageMime(new TextEncoder().encode('GIF89a....'))).toBeNull()
    expect(sniffImageMime(Uint8Array.from([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45]))).toBeNull()
    expect(sniffImageMime(Uint8Array.from([0xff, 0xd8]))).toBeNull()
  })

  it('when a picture is larger than the limit, then its long side is brought down keeping its shape', () => {
    expect(fitWithin(4000, 3000, 1280)).toEqual({ width: 1280, height: 960 })
    expect(fitWithin(1080, 2400, 240)).toEqual({ width: 108, height: 240 })
  })

  it('when a picture is already small, then it keeps its size', () => {
    expect(fitWithin(800, 600, 1280)).toEqual({ width: 800, height: 600 })
  })
})
