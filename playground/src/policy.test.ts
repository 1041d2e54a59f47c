import { createCors } from '@corsica/cors-core';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, policyState, readEditedOptions, reconfigureAll } from './policy.ts';

const PAGE = 'http://localhost:4300';

describe('readEditedOptions', () => {
  it('passes every policy key to the core, unknown ones included', () => {
    expect(readEditedOptions({ options: { origins: [PAGE], origin: 'x' } })).toEqual({
      options: { origins: [PAGE], origin: 'x' },
    });
  });

  it.each(['onError', 'onDecision', 'log', 'debug'])('refuses %s: it is the handle’s', (key) => {
    expect(readEditedOptions({ options: { origins: [PAGE], [key]: false } })).toEqual({
      error: `${key} is the playground's own; leave it out`,
    });
  });

  it.each([null, [], 'origins', { options: [] }, { options: null }, {}])('refuses %j', (body) => {
    expect(readEditedOptions(body)).toEqual({ error: 'send {"options": {…}}' });
  });
});

describe('reconfigureAll', () => {
  const policies = () => [createCors(defaultPolicy(PAGE)), createCors(defaultPolicy(PAGE))];

  it('puts the options in force on every policy, each one revision up', async () => {
    const all = policies();
    const update = await reconfigureAll(all, { origins: ['https://app.example'], maxAge: 60 });
    expect(update).toEqual({ applied: true, policy: policyState(all[0] as never) });
    expect(all.map((policy) => policy.revision)).toEqual([2, 2]);
    for (const policy of all) {
      const asked: Record<string, string> = {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
      };
      const decision = policy.decide({ method: 'OPTIONS', header: (name) => asked[name] });
      expect(decision.headers).toContainEqual(['access-control-max-age', '60']);
    }
  });

  it('keeps every policy as it was when the core refuses the options, with its problems and explanation', async () => {
    const all = policies();
    const update = await reconfigureAll(all, { origins: [], credentials: 'yes' } as never);
    expect(update.applied).toBe(false);
    if (update.applied) return;
    expect(update.problems.map((problem) => problem.code)).toEqual([
      'origins-empty',
      'option-type',
    ]);
    expect(update.explanation).toMatch(/^Invalid CORS policy given to cors\.reconfigure\(\)/);
    expect(update.policy.revision).toBe(1);
    expect(all.map((policy) => policy.revision)).toEqual([1, 1]);
    expect(all[1]?.getOptions().origins).toEqual([PAGE]);
  });
});

describe('policyState', () => {
  it('is getOptions() as JSON, with the revision', () => {
    const policy = createCors({ ...defaultPolicy(PAGE), onError: () => undefined });
    const state = policyState(policy);
    expect(state.revision).toBe(1);
    expect(state.options).toMatchObject({
      origins: [PAGE],
      credentials: true,
      allowedHeaders: ['content-type', 'authorization'],
      maxAge: 600,
    });
    expect(Object.values(state.options).some((value) => typeof value === 'function')).toBe(false);
  });
});
