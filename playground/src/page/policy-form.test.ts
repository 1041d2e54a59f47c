import { describe, expect, it } from 'vitest';
import { codeOf, fieldsOf, optionsOf } from './policy-form.ts';

/** What getOptions() gives for the playground's default policy (normalized: lowercase headers). */
const normalized = {
  origins: ['http://localhost:4300'],
  credentials: true,
  methods: ['PUT', 'PATCH', 'DELETE'],
  allowedHeaders: ['content-type', 'authorization'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
  privateNetwork: false,
  preflight: { successStatus: 204, continue: false },
};

describe('the policy form', () => {
  it('shows the normalized options as fields', () => {
    expect(fieldsOf(normalized)).toEqual({
      origins: 'http://localhost:4300',
      credentials: true,
      methods: 'PUT, PATCH, DELETE',
      allowedHeaders: 'content-type, authorization',
      exposedHeaders: 'X-Request-Id',
      maxAge: '600',
    });
  });

  it('sends back the six edited keys, and nothing else', () => {
    expect(optionsOf(fieldsOf(normalized))).toEqual({
      origins: ['http://localhost:4300'],
      credentials: true,
      methods: ['PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['content-type', 'authorization'],
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
    });
  });

  it('sends a lone * as the wildcard, empty fields as empty lists, and no maxAge when blank', () => {
    expect(
      optionsOf({
        origins: ' * \n',
        credentials: false,
        methods: '*',
        allowedHeaders: '',
        exposedHeaders: 'X-A,X-B  X-C',
        maxAge: ' ',
      }),
    ).toEqual({
      origins: '*',
      credentials: false,
      methods: '*',
      allowedHeaders: [],
      exposedHeaders: ['X-A', 'X-B', 'X-C'],
    });
  });

  it('sends what was written, so the core can refuse it: a maxAge of "ten" stays a string', () => {
    const fields = { ...fieldsOf(normalized), maxAge: 'ten' };
    expect(optionsOf(fields)['maxAge']).toBe('ten');
    expect(optionsOf({ ...fields, maxAge: '-5' })['maxAge']).toBe(-5);
  });

  it('shows the policy as the createCors call a user would write', () => {
    expect(codeOf(normalized)).toBe(
      [
        'createCors({',
        "  origins: ['http://localhost:4300'],",
        '  credentials: true,',
        "  methods: ['PUT', 'PATCH', 'DELETE'],",
        "  allowedHeaders: ['content-type', 'authorization'],",
        "  exposedHeaders: ['X-Request-Id'],",
        '  maxAge: 600,',
        '})',
      ].join('\n'),
    );
    expect(codeOf({ origins: '*', credentials: false, methods: [] })).toBe(
      "createCors({\n  origins: '*',\n})",
    );
  });
});
