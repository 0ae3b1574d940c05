import { Text, View } from '@tarojs/components'
import '@/components/print-pages.scss'
import type { DoorLabel, LabelSheet } from '@/contract/labels'
import { DescribedImage } from '@/components/described-image'

/** The server's QR markup as an image source; the same data URL works in the browser and in the mini-program. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`
}

function Label({ label, sheet }: { label: DoorLabel; sheet: LabelSheet }) {
  return (
    <View className='door-label'>
      <DescribedImage className='door-label__qr' src={svgDataUrl(label.qrSvg)} mode='aspectFit' alt={`门牌二维码 ${label.householdCode}`} />
      <View className='door-label__text'>
        <Text className='door-label__code'>{label.householdCode}</Text>
        <Text className='door-label__grid'>{label.gridName}</Text>
        <Text className='door-label__slogan'>{sheet.slogan}</Text>
        <Text className='door-label__hotline'>{`${sheet.station} 反诈热线 ${sheet.hotline}`}</Text>
      </View>
    </View>
  )
}

/** An A4 sheet is 210 mm, 794 CSS px, wide. */
const A4_WIDTH_PX = 794
/** The page's own side padding, both sides, on a phone. */
const PAGE_PADDING_PX = 32

/**
 * How far the on-screen preview is shrunk so that a whole A4 sheet fits the phone's width (1 on a wide screen).
 * Printing ignores it: the print rules set the zoom back to 1, so the paper keeps its millimetres.
 */
export function previewZoom(windowWidth: number): number {
  return Math.min(1, Math.max(0.2, (windowWidth - PAGE_PADDING_PX) / A4_WIDTH_PX))
}

/** A4 sheets of door labels, one View per printed page, shrunk on screen to fit the window's width. */
export function LabelSheets({ sheet, pages, windowWidth }: { sheet: LabelSheet; pages: DoorLabel[][]; windowWidth: number }) {
  return (
    <View className='print-area label-print-area scroll-region' style={{ zoom: String(previewZoom(windowWidth)) }}>
      {pages.map((labels, i) => (
        <View key={labels[0]?.householdId ?? i} className='print-page label-sheet'>
          {labels.map((label) => <Label key={label.householdId} label={label} sheet={sheet} />)}
        </View>
      ))}
    </View>
  )
}
