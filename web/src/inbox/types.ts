import type { Citation } from '../console/types';

export interface AssignmentSummary {
  assignmentId: string;
  caseId: string;
  caseNumber?: string;
  unit: string;
  township?: string | null;
  urgency?: string;
  state?: string;
  role?: string;
  matterType?: string;
  address?: string;
  issuedAt?: string;
  acknowledgeDueAt?: string;
  resolveDueAt?: string;
  dueAt?: string | null;
  overdue?: boolean;
}

export interface AssignmentDetail extends AssignmentSummary {
  description?: string;
  clause?: Citation | null;
  propertyCompany?: string | null;
  coordinator?: string | null;
  acknowledgedAt?: string | null;
  resolvedAt?: string | null;
  reopenCount?: number;
  extensionsGranted?: number;
  caller?: 'confidential' | 'anonymous' | { callerRef: string; name?: string; phone?: string };
}

export interface InboxPage {
  total?: number;
  counts?: Record<string, number>;
  items: AssignmentSummary[];
}

export interface JointTask {
  taskId: string;
  unit: string;
  task: string;
  result?: string | null;
  assignedAt?: string;
  reportedAt?: string | null;
}

export interface JointCase {
  caseId: string;
  caseNumber?: string;
  coordinator?: string;
  units?: string[];
  status?: string;
  summary?: string | null;
  openedAt?: string;
  closedAt?: string | null;
  tasks?: JointTask[];
}
