/** 13812341234 → 138****1234. Anything not an 11-digit mobile keeps only its last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`
  return digits.length > 4 ? `****${digits.slice(-4)}` : '****'
}

/** 张三 → 张*, 欧阳娜娜 → 欧**娜: enough to greet at the door, not enough to identify from a list. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.join('')
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}
