import Taro from '@tarojs/taro'
import { fitWithin } from '@/core/activities'
import { MAX_PHOTO_BYTES } from '@/core/activities'

/**
 * Photos chosen on the phone and made small before upload: a long side of at most 1280 px at JPEG quality 0.7,
 * and a 240 px thumbnail. On H5 they are Blobs drawn through a canvas; in the mini-program, files made by
 * wx.compressImage, with the thumbnail as base64 text because wx.uploadFile carries one file per request.
 */
export type PreparedPhoto =
  | { kind: 'blob'; name: string; photo: Blob; thumbnail: Blob }
  | { kind: 'file'; name: string; photoPath: string; thumbnailBase64: string }

export const PHOTO_MAX_SIDE = 1280
export const THUMBNAIL_MAX_SIDE = 240
const QUALITY = 0.7
/** When a busy picture is still too large at 0.7, one more try at this. */
const FALLBACK_QUALITY = 0.5

export interface PhotoPicker {
  choose(count: number): Promise<PreparedPhoto[]>
}

export const taroPhotoPicker: PhotoPicker = {
  choose: (count) => (process.env.TARO_ENV === 'h5' ? chooseOnH5(count) : chooseOnWeapp(count)),
}

async function chooseOnWeapp(count: number): Promise<PreparedPhoto[]> {
  const chosen = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  const fs = Taro.getFileSystemManager()
  const prepared: PreparedPhoto[] = []
  for (const [i, file] of chosen.tempFiles.entries()) {
    const { width, height } = await Taro.getImageInfo({ src: file.tempFilePath })
    const photo = await Taro.compressImage({ src: file.tempFilePath, quality: QUALITY * 100, compressedWidth: fitWithin(width, height, PHOTO_MAX_SIDE).width })
    const thumbnail = await Taro.compressImage({ src: file.tempFilePath, quality: 60, compressedWidth: fitWithin(width, height, THUMBNAIL_MAX_SIDE).width })
    const thumbnailBase64 = fs.readFileSync(thumbnail.tempFilePath, 'base64') as string
    prepared.push({ kind: 'file', name: `照片${i + 1}`, photoPath: photo.tempFilePath, thumbnailBase64 })
  }
  return prepared
}

async function chooseOnH5(count: number): Promise<PreparedPhoto[]> {
  const chosen = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  const prepared: PreparedPhoto[] = []
  for (const [i, path] of chosen.tempFilePaths.entries()) {
    const image = await loadImage(path)
    let photo = await drawJpeg(image, PHOTO_MAX_SIDE, QUALITY)
    if (photo.size > MAX_PHOTO_BYTES) photo = await drawJpeg(image, PHOTO_MAX_SIDE, FALLBACK_QUALITY)
    prepared.push({ kind: 'blob', name: `照片${i + 1}`, photo, thumbnail: await drawJpeg(image, THUMBNAIL_MAX_SIDE, QUALITY) })
  }
  return prepared
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('无法读取这张照片'))
    image.src = src
  })
}

function drawJpeg(image: HTMLImageElement, maxSide: number, quality: number): Promise<Blob> {
  const { width, height } = fitWithin(image.naturalWidth, image.naturalHeight, maxSide)
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) return Promise.reject(new Error('无法压缩照片'))
  // JPEG has no transparency: a transparent PNG turns white rather than black.
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, width, height)
  context.drawImage(image, 0, 0, width, height)
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('无法压缩照片'))), 'image/jpeg', quality))
}
