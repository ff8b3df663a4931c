/** What the public progress lookup answers; fields the service omits stay empty. */
export interface ProgressUnit {
  unit: string;
  unitName?: string;
  role?: string;
  state?: string;
  status?: string;
  dueAt?: string;
}

export interface ProgressStep {
  at?: string;
  occurredAt?: string;
  type?: string;
  label?: string;
  text?: string;
  summary?: string;
}

export interface Progress {
  caseId?: string;
  caseNumber: string;
  status?: string;
  statusLabel?: string;
  receivedAt?: string;
  township?: string;
  units?: ProgressUnit[];
  assignments?: ProgressUnit[];
  steps?: ProgressStep[];
  timeline?: ProgressStep[];
}

export function unitsOf(p: Progress | undefined): ProgressUnit[] {
  return p?.units ?? p?.assignments ?? [];
}

export function stepsOf(p: Progress | undefined): ProgressStep[] {
  return p?.steps ?? p?.timeline ?? [];
}
