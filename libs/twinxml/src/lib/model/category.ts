export interface TwinCategory {
  /** Stable source key. */
  key: string;
  /**
   * Key of the parent category; absent for a top-level category (level 1), and for a sub-category whose
   * source did not state its parent (the receiver keeps the parent it already knows).
   */
  parentKey?: string;
  /** 1 for top level. */
  level: number;
  name: string;
  description?: string;
  sortOrder: number;
  published: boolean;
}
