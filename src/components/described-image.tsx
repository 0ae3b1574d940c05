import { Image, type ImageProps } from '@tarojs/components'

/**
 * An image that says what it shows, read aloud by screen readers on both targets: WeChat reads the image's
 * aria-label; in H5 Taro draws the <img> inside a wrapper, so its alt travels through nativeProps.
 */
export function DescribedImage({ alt, ...image }: Omit<ImageProps, 'ariaLabel'> & { alt: string }) {
  return <Image {...image} aria-label={alt} nativeProps={{ alt }} />
}
