/**
 * Text read aloud goes in pieces: browsers stop a long utterance after about 15 s (Chrome), and WeChat's 同声传译
 * turns at most about 1,000 bytes into one clip. Pieces end at a sentence where possible, so the voice pauses where
 * a reader would.
 */
export const SPEECH_CHUNK_CHARS = 120

const SENTENCE_END = /[^。！？；!?;\n]*[。！？；!?;\n]+|[^。！？；!?;\n]+$/g

export function speechChunks(text: string, max = SPEECH_CHUNK_CHARS): string[] {
  const chunks: string[] = []
  let current = ''
  for (const raw of text.match(SENTENCE_END) ?? []) {
    const sentence = raw.trim()
    if (!sentence) continue
    for (let i = 0; i < sentence.length; i += max) {
      const piece = sentence.slice(i, i + max)
      if (current.length + piece.length > max) {
        chunks.push(current)
        current = ''
      }
      current += piece
    }
  }
  if (current) chunks.push(current)
  return chunks
}
