import { v4 as uuidv4 } from 'uuid';
import { Contract, ContractService, CreateContractInput } from '../../../domains/billing';
import { TestKit } from '../../../lib/testing';

export type ContractState = 'draft' | 'active' | 'suspended' | 'terminated';

/** A contract of one line in `state` (active by default), set up by the kit's user. */
export async function contractFor(kit: TestKit, over: Partial<CreateContractInput> = {}, state: ContractState = 'active', ctx: { tenantId?: string } = {}): Promise<Contract> {
  const contracts = kit.resolve(ContractService);
  return kit.run(async () => {
    const c = await contracts.create({
      clientId: uuidv4(),
      name: 'Managed services',
      startDate: '2027-01-01',
      currency: 'USD',
      billingFrequency: 'monthly',
      lines: [{ description: 'Managed services', quantity: 1, unitPrice: 150000 }],
      ...over,
    });
    if (state === 'draft') return c;
    await contracts.changeStatus(c.id, state === 'terminated' ? 'terminated' : 'active');
    if (state === 'suspended') await contracts.changeStatus(c.id, 'suspended');
    return contracts.get(c.id);
  }, ctx);
}
