import type { Deployment } from '../../../shared/model';

/** The short name of an installation, for badges. */
export function installationLabel(d: Pick<Deployment, 'installation' | 'kind'>): string {
  if (d.kind === 'user') return 'User';
  if (d.kind === 'system') return 'System';
  return d.installation;
}
