import { useEffect, useRef, type MouseEvent as ReactMouseEvent, type TouchEvent as ReactTouchEvent } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { Point, Stroke } from '@/core/strokes'
import { useStrokeCapture, type Pen, type StrokeCapture } from './stroke-capture'
import './index.scss'

const CANVAS_ID = 'signature-pad'

/** H5: a plain canvas element with mouse and touch, measured from its box on the page. */
function BrowserCanvas({ capture }: { capture: StrokeCapture }) {
  const ref = useRef<HTMLCanvasElement>(null)
  const measured = useRef({ width: 0, height: 0 })
  // Phones send mouse events after touches too: once touched, the pad listens to touches only.
  const touched = useRef(false)

  /** Sizes the bitmap to the box on screen (sharp on high-density screens); the box can change with 关怀模式. */
  const setup = () => {
    const canvas = ref.current
    if (!canvas) return
    const { width, height } = canvas.getBoundingClientRect()
    if (width === measured.current.width && height === measured.current.height) return
    measured.current = { width, height }
    const ratio = window.devicePixelRatio || 1
    canvas.width = Math.round(width * ratio)
    canvas.height = Math.round(height * ratio)
    const pen = canvas.getContext('2d')
    pen?.scale(ratio, ratio)
    capture.attach({ pen, width, height })
  }
  useEffect(setup)

  const at = (clientX: number, clientY: number): Point => {
    const box = ref.current?.getBoundingClientRect()
    return { x: clientX - (box?.left ?? 0), y: clientY - (box?.top ?? 0) }
  }
  const touchPoint = (e: ReactTouchEvent) => at(e.touches[0].clientX, e.touches[0].clientY)
  const fromMouse = (handler: (e: ReactMouseEvent) => void) => (e: ReactMouseEvent) => {
    if (!touched.current) handler(e)
  }

  return (
    <canvas
      ref={ref}
      className='signature-pad__canvas'
      aria-label='签名板'
      onMouseDown={fromMouse((e) => {
        setup()
        capture.begin(at(e.clientX, e.clientY))
      })}
      onMouseMove={fromMouse((e) => capture.move(at(e.clientX, e.clientY)))}
      onMouseUp={fromMouse(() => capture.end())}
      onMouseLeave={fromMouse(() => capture.end())}
      onTouchStart={(e) => {
        touched.current = true
        setup()
        capture.begin(touchPoint(e))
      }}
      onTouchMove={(e) => capture.move(touchPoint(e))}
      onTouchEnd={() => capture.end()}
      onTouchCancel={() => capture.end()}
    />
  )
}

interface WeChatCanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): Pen & { scale(x: number, y: number): void }
}

/** WeChat: Canvas 2D, whose node is fetched by a selector query once the page has laid it out. */
function WeChatCanvas({ capture }: { capture: StrokeCapture }) {
  useEffect(() => {
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${CANVAS_ID}`)
        .fields({ node: true, size: true })
        .exec((res: { node: WeChatCanvasNode; width: number; height: number }[]) => {
          const found = res[0]
          if (!found?.node) return
          const ratio = Taro.getWindowInfo().pixelRatio
          found.node.width = Math.round(found.width * ratio)
          found.node.height = Math.round(found.height * ratio)
          const pen = found.node.getContext('2d')
          pen.scale(ratio, ratio)
          capture.attach({ pen, width: found.width, height: found.height })
        })
    })
  }, [capture])
  return (
    <Canvas
      type='2d'
      id={CANVAS_ID}
      className='signature-pad__canvas'
      disableScroll
      onTouchStart={(e) => capture.begin({ x: e.touches[0].x, y: e.touches[0].y })}
      onTouchMove={(e) => capture.move({ x: e.touches[0].x, y: e.touches[0].y })}
      onTouchEnd={() => capture.end()}
      onTouchCancel={() => capture.end()}
    />
  )
}

interface SignaturePadProps {
  /** On the core grid (src/core/strokes.ts); the pad redraws them at its own size. */
  strokes: Stroke[]
  onChange: (strokes: Stroke[]) => void
}

/** Signing with a finger or a mouse; the signature is kept as strokes (vectors), never as an image. */
export function SignaturePad({ strokes, onChange }: SignaturePadProps) {
  const capture = useStrokeCapture(strokes, onChange)
  return (
    <View className='signature-pad'>
      {process.env.TARO_ENV === 'weapp' ? <WeChatCanvas capture={capture} /> : <BrowserCanvas capture={capture} />}
      <Text className='hint'>{strokes.length > 0 ? `已签 ${strokes.length} 笔` : '请在上方框内签名'}</Text>
      <View className='signature-pad__actions'>
        <Button className='signature-pad__action' size='large' disabled={strokes.length === 0} onClick={() => onChange(strokes.slice(0, -1))}>
          撤销
        </Button>
        <Button className='signature-pad__action' size='large' disabled={strokes.length === 0} onClick={() => onChange([])}>
          清除
        </Button>
      </View>
    </View>
  )
}
