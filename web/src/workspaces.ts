import type { Role } from './labels';

/** Each workspace and the roles it serves; nobody else may open it. */
export type Workspace = 'console' | 'inbox' | 'area' | 'district';

export const WORKSPACES: Record<Workspace, { title: string; roles: Role[] }> = {
  console: { title: '话务受理台', roles: ['operator'] },
  inbox: { title: '单位待办', roles: ['liaison'] },
  area: { title: '镇街工作台', roles: ['township'] },
  district: { title: '区指挥调度中心', roles: ['dispatcher', 'supervisor', 'admin'] },
};

export function workspacesFor(role: Role): Workspace[] {
  return (Object.keys(WORKSPACES) as Workspace[]).filter((w) =>
    WORKSPACES[w].roles.includes(role),
  );
}

export function homeOf(role: Role): Workspace | null {
  return workspacesFor(role)[0] ?? null;
}
