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
  step?: string;
  units?: string[];
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

/**
 * The units now handling the case. The public lookup names them on its
 * steps (names only, no codes), the latest step with units being current.
 */
export function unitsOf(p: Progress | undefined): ProgressUnit[] {
  if (p?.units?.length) return p.units;
  if (p?.assignments?.length) return p.assignments;
  const steps = stepsOf(p);
  for (let i = steps.length - 1; i >= 0; i -= 1) {
    const names = steps[i].units ?? [];
    if (names.length > 0) return names.map((name) => ({ unit: name, unitName: name }));
  }
  return [];
}

const KNOWN_CASES = 'lianzhi.cases';

/**
 * Case numbers this browser took, with their ids: the public lookup answers
 * by number without the id that 回访 needs.
 */
export function rememberCase(caseNumber: string, caseId: string): void {
  try {
    const known = JSON.parse(localStorage.getItem(KNOWN_CASES) ?? '{}') as Record<string, string>;
    known[caseNumber] = caseId;
    const entries = Object.entries(known).slice(-500);
    localStorage.setItem(KNOWN_CASES, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // Storage full or disabled: the follow-up form then asks for the id.
  }
}

export function caseIdOf(caseNumber: string): string | undefined {
  try {
    const known = JSON.parse(localStorage.getItem(KNOWN_CASES) ?? '{}') as Record<string, string>;
    return known[caseNumber];
  } catch {
    return undefined;
  }
}

export function stepsOf(p: Progress | undefined): ProgressStep[] {
  return p?.steps ?? p?.timeline ?? [];
}
