/** 户主本人 signs, or another member of the household whose name is typed at the door. */
export const SIGNER_CHOICES = ['head', 'member'] as const
export type SignerChoice = (typeof SIGNER_CHOICES)[number]

export const SIGNER_CHOICE_LABELS: Record<SignerChoice, string> = { head: '户主本人', member: '其他家庭成员' }

/** The relation stored for the head; the others are for a member signing on the household's behalf. */
export const HEAD_RELATION = '本人'
export const MEMBER_RELATIONS = ['配偶', '子女', '父母', '其他'] as const
export type MemberRelation = (typeof MEMBER_RELATIONS)[number]

export interface ResolvedSigner {
  name: string
  relation: string
}

/**
 * Who signed, as it will be stored and chained. For 户主本人 the name is the household record's, whatever the phone
 * sent: the head is known, and a typed name could misspell or replace them. A pledge without `signer` (queued by an
 * app from before the choice existed) is taken as typed. Null when a name or relation is missing.
 */
export function resolveSigner(
  input: { signer?: SignerChoice; signerName?: string; signerRelation: string },
  headName: string,
): ResolvedSigner | null {
  if (input.signer === 'head') {
    const name = headName.trim()
    return name ? { name, relation: HEAD_RELATION } : null
  }
  const name = (input.signerName ?? '').trim()
  const relation = (input.signerRelation ?? '').trim()
  return name && relation ? { name, relation } : null
}
