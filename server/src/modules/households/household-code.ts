import { randomInt } from 'node:crypto'

// Read aloud at the door and typed back by hand: no 0/O, 1/I/L look-alikes.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const LENGTH = 7

/** A short random code for a new household, e.g. H7K3M9Q2; the repository retries the rare one already taken. */
export function newHouseholdCode(): string {
  let code = 'H'
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)]
  return code
}
