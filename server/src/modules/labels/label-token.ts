import { randomBytes } from 'node:crypto'

/** 128 random bits as base64url: 22 characters, within WeChat's 32-character scene, saying nothing about the door. */
export function newLabelToken(): string {
  return randomBytes(16).toString('base64url')
}

export const LABEL_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/

export function looksLikeLabelToken(value: string): boolean {
  return LABEL_TOKEN_PATTERN.test(value)
}
