import { DemoStory } from '../../lib/kit';

export const schedulingDemo: DemoStory = {
  title: 'Scheduling',
  async run() {},
};
