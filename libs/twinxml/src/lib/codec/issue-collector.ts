import type { TwinXmlIssue } from '../twinxml-error';

/** Collects issues up to a cap (a broken 100 MB file should not produce a 100 MB error). */
export class IssueCollector {
  readonly issues: TwinXmlIssue[] = [];
  count = 0;

  constructor(private readonly max: number) {}

  readonly report = (path: string, message: string): void => {
    this.count++;
    if (this.issues.length < this.max) this.issues.push({ path, message });
  };
}
