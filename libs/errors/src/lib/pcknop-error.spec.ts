import { PcknopError, withDetail } from './pcknop-error';

enum SampleErrorCode {
  Broken = 'BROKEN',
}

class SampleError extends PcknopError<SampleErrorCode> {
  override readonly name = 'SampleError';
  constructor(code: SampleErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(code, withDetail('It broke.', detail), { detail, cause: options?.cause });
  }
}

describe('PcknopError', () => {
  it('carries code, name, message, detail and cause, and is an Error of its own class', () => {
    const cause = new Error('underneath');
    const error = new SampleError(SampleErrorCode.Broken, 'part 7', { cause });
    expect(error).toBeInstanceOf(SampleError);
    expect(error).toBeInstanceOf(PcknopError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: 'BROKEN',
      name: 'SampleError',
      message: 'It broke. part 7',
      detail: 'part 7',
      cause,
    });
    expect(String(error)).toBe('SampleError: It broke. part 7');
    expect(error.stack).toContain('SampleError: It broke. part 7');
  });

  it('has no cause property when none is given', () => {
    expect('cause' in new SampleError(SampleErrorCode.Broken)).toBe(false);
  });
});

describe('withDetail', () => {
  it('appends the detail after the separator, or leaves the message alone', () => {
    expect(withDetail('Not found', 'tenant 4', ': ')).toBe('Not found: tenant 4');
    expect(withDetail('Not found.', undefined)).toBe('Not found.');
    expect(withDetail('Not found.', '')).toBe('Not found.');
  });
});
