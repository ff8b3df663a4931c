import { Actor, AttachmentMeta } from '../events';

/** 签收 */
export interface AcknowledgeAssignment {
  readonly type: 'AcknowledgeAssignment';
  readonly actor: Actor;
}

/** 退单: not this unit's duty; the legal basis is mandatory. */
export interface ReturnAssignment {
  readonly type: 'ReturnAssignment';
  readonly actor: Actor;
  readonly reason: string;
  readonly legalBasis: string;
}

/** 转办: the unit names the unit that is responsible. */
export interface TransferAssignment {
  readonly type: 'TransferAssignment';
  readonly actor: Actor;
  readonly toUnit: string;
  readonly reason: string;
}

/** 申请延期 */
export interface RequestExtension {
  readonly type: 'RequestExtension';
  readonly actor: Actor;
  readonly requestedDueAt: string;
  readonly reason: string;
}

/** The district approves an extension, for the date asked or another. */
export interface GrantExtension {
  readonly type: 'GrantExtension';
  readonly actor: Actor;
  readonly reason: string;
  readonly newDueAt?: string;
}

export interface DenyExtension {
  readonly type: 'DenyExtension';
  readonly actor: Actor;
  readonly reason: string;
}

/** 处置反馈 */
export interface ResolveAssignment {
  readonly type: 'ResolveAssignment';
  readonly actor: Actor;
  readonly result: string;
  readonly evidence?: AttachmentMeta[];
}

/** 重办: the resident was not satisfied at 回访. */
export interface ReopenAssignment {
  readonly type: 'ReopenAssignment';
  readonly actor: Actor;
  readonly reason: string;
}

/** 结案 */
export interface CloseAssignment {
  readonly type: 'CloseAssignment';
  readonly actor: Actor;
  readonly reason: string;
}

export type AssignmentCommand =
  | AcknowledgeAssignment
  | ReturnAssignment
  | TransferAssignment
  | RequestExtension
  | GrantExtension
  | DenyExtension
  | ResolveAssignment
  | ReopenAssignment
  | CloseAssignment;
