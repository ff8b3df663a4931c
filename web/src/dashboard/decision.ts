/** The units of a district decision: exactly one lead, the rest assisting. */
export function decisionUnits(lead: string, assist: string[] = []) {
  return [
    { unit: lead, role: 'lead' as const },
    ...assist.filter((u) => u !== lead).map((unit) => ({ unit, role: 'assist' as const })),
  ];
}

/** How many wait in all when the list is paged; the page's length otherwise. */
export function totalOf(data: unknown, pageLength: number): number {
  return (data as { total?: number } | undefined)?.total ?? pageLength;
}
