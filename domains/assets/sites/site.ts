/** A place where a client keeps assets (an office, a branch, a data centre). */
export interface Site {
  id: string;
  tenantId: string;
  name: string;
  clientId?: string;
  createdAt: Date;
}
