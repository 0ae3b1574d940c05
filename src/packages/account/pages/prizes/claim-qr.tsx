import { useEffect, useState } from 'react'
import QRCode from 'qrcode'
import { DescribedImage } from '@/components/described-image'

/** Drawn on the phone from the code alone: no network, and the same data URL works in the browser and in the mini-program. */
export function ClaimQr({ code }: { code: string }) {
  const [src, setSrc] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    QRCode.toString(code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      .then((svg) => live && setSrc(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`))
      .catch(() => live && setSrc(null))
    return () => {
      live = false
    }
  }, [code])
  // The code in big text beside it is enough on its own, so a failed drawing only hides the picture.
  if (!src) return null
  return <DescribedImage className='claim-qr' src={src} mode='aspectFit' alt={`兑换码 ${code} 的二维码`} />
}
