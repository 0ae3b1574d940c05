import { randomInt } from 'node:crypto'
import { INVITATION_CODE_ALPHABET, INVITATION_CODE_LENGTH } from '#core/membership'

/** 31^8 ≈ 8.5 × 10^11 codes: guessing one that is open, of a few dozen at a time, is hopeless at any request rate. */
export function newInvitationCode(): string {
  let code = ''
  for (let i = 0; i < INVITATION_CODE_LENGTH; i++) code += INVITATION_CODE_ALPHABET[randomInt(INVITATION_CODE_ALPHABET.length)]
  return code
}
