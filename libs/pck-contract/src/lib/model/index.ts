export * from './enums';
export type * from './insert-update-response';
export type * from './catalogue';
export type * from './orders';
export type * from './customers';
export type * from './shop';
export * from './operations';
