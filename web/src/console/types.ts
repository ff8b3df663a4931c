export interface Citation {
  document: string;
  section: string;
  item: string;
  text?: string;
}

export interface PreviewAssignment {
  unit: string;
  unitName?: string;
  role: 'lead' | 'assist' | string;
  matterType?: string;
  clause?: Citation;
}

export interface RoutingPreview {
  matterTypes?: { matterType: string; confidence?: number; name?: string }[];
  township?: string | null;
  townshipCandidates?: string[];
  assignments?: PreviewAssignment[];
  coordinator?: string | null;
  joint?: boolean;
  manual?: string | null;
  explanation?: string;
}

export interface Place {
  name: string;
  kind: 'township' | 'village' | 'community' | string;
  townships: string[];
}

export interface SimilarCase {
  caseId: string;
  caseNumber?: string;
  title?: string;
  description?: string;
  address?: string | { text?: string };
  township?: string;
  category?: string;
  status?: string;
  receivedAt?: string;
  score?: number;
  repeatCount?: number;
}

export interface ComplaintReceipt {
  caseId: string;
  caseNumber: string;
  status?: string;
  receivedAt?: string;
  repeatCandidates?: SimilarCase[];
}

export interface MatterType {
  code: string;
  name: string;
}
