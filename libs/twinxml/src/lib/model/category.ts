export interface TwinCategory {
  /** Stable source key. */
  key: string;
  /** Key of the parent category; absent for a top-level category. */
  parentKey?: string;
  /** 1 for top level. */
  level: number;
  name: string;
  description?: string;
  sortOrder: number;
  published: boolean;
}
